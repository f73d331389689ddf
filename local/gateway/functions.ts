import { main as deals } from '../../cloudfunctions/deals'
import { main as orders } from '../../cloudfunctions/orders'
import { main as payments } from '../../cloudfunctions/payments'
import { main as promoters } from '../../cloudfunctions/promoters'
import { main as redemption } from '../../cloudfunctions/redemption'
import { main as shops } from '../../cloudfunctions/shops'
import { main as timers } from '../../cloudfunctions/timers'

export type CloudFunctionMain = (event: unknown, context: unknown) => Promise<unknown>

/** The functions the client may call through the gateway, exactly the modules that are bundled and deployed. */
export const functions: Record<string, CloudFunctionMain> = { deals, shops, orders, payments, redemption, promoters }

/** Platform-only entry points: fired by the local scheduler, never reachable over the gateway. */
export const platformFunctions = { timers, payments }
