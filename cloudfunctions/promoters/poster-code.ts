import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { miniCodeMaker } from '../../server/platform/wxacode'
import { POSTER_CODES, SHARES, type ShareDoc } from './collections'
import { requirePromoter } from './join'
import { insertOnce } from '../../server/db'

/**
 * The poster's mini-program code for one of the caller's shares. getUnlimited is rate-limited and each code is
 * the same forever (scene = share code), so a made code is kept and every later poster reuses it.
 */
export async function posterCode(ctx: Ctx, input: Input<'promoters', 'posterCode'>): Promise<Output<'promoters', 'posterCode'>> {
  const promoter = await requirePromoter(ctx)
  const [shareRes, cachedRes] = await Promise.all([
    ctx.db.collection(SHARES).where({ _id: input.shareCode, promoter }).limit(1).get(),
    ctx.db.collection(POSTER_CODES).doc(input.shareCode).get(),
  ])
  const share = (shareRes.data as ShareDoc[])[0]
  if (!share) throw new AppError('SHARE_NOT_FOUND')
  const cached = (cachedRes.data as { code: Output<'promoters', 'posterCode'> }[])[0]
  if (cached) return cached.code
  const code = await miniCodeMaker().make(share._id, 'pages/deal/index')
  await insertOnce(ctx.db, POSTER_CODES, { _id: share._id, code, at: new Date(ctx.now()) })
  return code
}
