import { main as deals } from '../../cloudfunctions/deals'
import { main as shops } from '../../cloudfunctions/shops'

export type CloudFunctionMain = (event: unknown, context: unknown) => Promise<unknown>

/** The functions the gateway can invoke, exactly the modules that are bundled and deployed. */
export const functions: Record<string, CloudFunctionMain> = { deals, shops }
