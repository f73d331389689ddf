import type { Input, Output } from '@core/contracts'
import type { ReviewSummary, ReviewView } from '@core/contracts/views'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { checked, isDuplicateKey, updatedCount } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { maskName, reviewableOrder } from '../orders/public'
import { roleInShop } from '../shops/public'
import { REVIEWS } from './collections'
import { getDealDoc } from './public'

interface ReviewDoc {
  _id: string
  dealId: string
  shopId: string
  buyer: string
  name: string
  rating: number
  text: string
  photos: string[]
  at: Date
  reply: { text: string; at: Date; by: string } | null
}

const toView = (r: ReviewDoc): ReviewView => ({
  id: r._id,
  rating: r.rating,
  text: r.text,
  photos: r.photos,
  name: r.name,
  at: +r.at,
  reply: r.reply ? { text: r.reply.text, at: +r.reply.at } : null,
})

export async function listReviews(ctx: Ctx, input: Input<'deals', 'reviews'>): Promise<Output<'deals', 'reviews'>> {
  const deal = await getDealDoc(ctx.db, input.dealId)
  if (!deal || deal.status === 'draft') throw new AppError('DEAL_NOT_FOUND')
  return reviewSummaryOf(ctx.db, deal._id, input.limit)
}

/** The average rating, the count and the newest `limit` reviews of a deal (the caller checked the deal may be seen). */
export async function reviewSummaryOf(db: Db, dealId: string, limit: number): Promise<ReviewSummary> {
  const [page, stats] = await Promise.all([
    db.collection(REVIEWS).where({ dealId }).orderBy('at', 'desc').limit(limit).get(),
    db.collection(REVIEWS).aggregate().match({ dealId }).group({ _id: null, avg: { $avg: '$rating' }, n: { $sum: 1 } }).end(),
  ])
  const s = (stats.data as { avg: number; n: number }[])[0]
  return { average: s ? Math.round(s.avg * 10) / 10 : null, count: s?.n ?? 0, items: (page.data as ReviewDoc[]).map(toView) }
}

export async function addReview(ctx: Ctx, input: Input<'deals', 'review'>): Promise<Output<'deals', 'review'>> {
  const buyer = requireUser(ctx)
  const order = await reviewableOrder(ctx.db, input.orderId, buyer)
  if (order === 'missing') throw new AppError('ORDER_NOT_FOUND')
  if (order === 'not_redeemed') throw new AppError('REVIEW_NOT_ALLOWED')
  const doc: ReviewDoc = {
    _id: order._id, dealId: order.dealId, shopId: order.shopId, buyer, name: maskName(order.nickname),
    rating: input.rating, text: input.text, photos: input.photos, at: new Date(ctx.now()), reply: null,
  }
  try {
    checked(await ctx.db.collection(REVIEWS).add(doc))
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError('ALREADY_REVIEWED')
    throw e
  }
  await audit(ctx, { entity: 'review', entityId: doc._id, orderId: order._id, action: 'review.created', detail: { rating: input.rating } })
  return toView(doc)
}

export async function replyReview(ctx: Ctx, input: Input<'deals', 'replyReview'>): Promise<Output<'deals', 'replyReview'>> {
  const openid = requireUser(ctx)
  const r = (await ctx.db.collection(REVIEWS).doc(input.reviewId).get()).data[0] as ReviewDoc | undefined
  if (!r || !(await roleInShop(ctx.db, r.shopId, openid))) throw new AppError('REVIEW_NOT_FOUND')
  const reply = { text: input.text, at: new Date(ctx.now()), by: openid }
  const moved = await updatedCount(ctx.db.collection(REVIEWS).where({ _id: r._id, reply: null }).update({ reply: ctx.db.command.set(reply) }))
  if (moved !== 1) throw new AppError('ALREADY_REPLIED')
  await audit(ctx, { entity: 'review', entityId: r._id, action: 'review.replied' })
  return toView({ ...r, reply })
}
