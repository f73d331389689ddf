import * as deals from '../../cloudfunctions/deals/collections'
import * as orders from '../../cloudfunctions/orders/collections'
import * as payments from '../../cloudfunctions/payments/collections'
import * as promoters from '../../cloudfunctions/promoters/collections'
import * as redemption from '../../cloudfunctions/redemption/collections'
import * as shops from '../../cloudfunctions/shops/collections'
import * as runtime from '../collections'

/**
 * Every collection the product uses, read off the files that own them (each context's collections.ts and the
 * runtime's server/collections.ts): their string constants are collection names, and nothing else is. A unit test
 * fails when a collections.ts is missing here, or when code names a collection none of them declares.
 */
export const COLLECTION_FILES = { deals, orders, payments, promoters, redemption, shops, runtime } as const

const NAME = /^[a-z][a-z0-9_]*$/

export function collectionNamesOf(mod: Readonly<Record<string, unknown>>): string[] {
  return Object.values(mod).filter((v): v is string => typeof v === 'string' && NAME.test(v))
}

export const COLLECTIONS: readonly string[] = [...new Set(Object.values(COLLECTION_FILES).flatMap((m) => collectionNamesOf(m)))].sort()
