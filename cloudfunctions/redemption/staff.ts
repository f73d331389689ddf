import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { membershipsOf } from '../shops/public'

/** The shops the caller works at; every code query is scoped to them, so other shops' codes do not exist. */
export async function staffShops(ctx: Ctx): Promise<{ openid: string; shopIds: string[] }> {
  const openid = requireUser(ctx)
  const shopIds = (await membershipsOf(ctx.db, openid)).map((m) => m.shopId)
  if (shopIds.length === 0) throw new AppError('NOT_STAFF')
  return { openid, shopIds }
}
