import type { Input, Output } from '@core/contracts'
import type { DealAdminView, DealStatus } from '@core/contracts/views'
import { DEAL_TRANSITIONS } from '@core/deals/states'
import { publishProblem } from '@core/deals/validate-deal'
import { shapeProblem } from '@core/deals/validate-windows'
import { AppError } from '@core/result'
import { guard } from '@core/state-machine'
import { audit } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { checked, updatedCount } from '../../server/db'
import { randomId } from '../../server/ids'
import { getShops, requireShopRole } from '../shops/public'
import { DEALS, type DealDoc } from './collections'
import { toDealDetail } from './views'

async function adminView(ctx: Ctx, d: DealDoc): Promise<DealAdminView> {
  const shop = (await getShops(ctx.db, [d.shopId])).get(d.shopId)
  if (!shop) throw new AppError('DEAL_NOT_FOUND')
  return { ...toDealDetail(d, shop, ctx.now()), status: d.status, commissionBps: d.commissionBps }
}

/** The deal, if the caller is its shop's owner; otherwise it does not exist for them. */
async function ownDeal(ctx: Ctx, id: string): Promise<DealDoc> {
  // Who asks comes before what exists: otherwise an anonymous caller tells a hidden draft from a missing deal.
  requireUser(ctx)
  const d = (await ctx.db.collection(DEALS).doc(id).get()).data[0] as DealDoc | undefined
  if (!d) throw new AppError('DEAL_NOT_FOUND')
  try {
    await requireShopRole(ctx, d.shopId, ['owner'])
  } catch (e) {
    if (e instanceof AppError && e.code === 'SHOP_NOT_FOUND') throw new AppError('DEAL_NOT_FOUND')
    throw e
  }
  return d
}

const facts = (d: DealDoc) => ({ ...d, saleStart: +d.saleStart, saleEnd: +d.saleEnd, validStart: +d.validStart, validEnd: +d.validEnd })

export async function listForShop(ctx: Ctx, input: Input<'deals', 'listForShop'>): Promise<Output<'deals', 'listForShop'>> {
  await requireShopRole(ctx, input.shopId, ['owner', 'staff'])
  const res = await ctx.db.collection(DEALS).where({ shopId: input.shopId }).orderBy('createdAt', 'desc').limit(200).get()
  const shop = (await getShops(ctx.db, [input.shopId])).get(input.shopId)!
  return (res.data as DealDoc[]).map((d) => ({ ...toDealDetail(d, shop, ctx.now()), status: d.status, commissionBps: d.commissionBps }))
}

export async function createDeal(ctx: Ctx, input: Input<'deals', 'create'>): Promise<Output<'deals', 'create'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const shape = shapeProblem(input)
  if (shape) throw new AppError('DEAL_INVALID', shape)
  if (input.groupMin > 0 && input.groupDeadline !== undefined && input.groupDeadline > input.saleEnd) {
    throw new AppError('DEAL_INVALID', '成团截止时间不能晚于售卖结束时间')
  }
  const now = new Date(ctx.now())
  const { groupMin, groupDeadline, groupBy, ...fields } = input
  const d: DealDoc = {
    ...fields,
    groupMin,
    groupBy,
    groupBuyers: 0,
    groupDeadline: groupMin > 0 ? new Date(groupDeadline ?? input.saleEnd) : null,
    groupStatus: groupMin > 0 ? 'forming' : 'none',
    groupUnits: 0,
    holds: {},
    holdCount: 0,
    _id: randomId('deal_', 8),
    sold: 0,
    saleStart: new Date(input.saleStart),
    saleEnd: new Date(input.saleEnd),
    validStart: new Date(input.validStart),
    validEnd: new Date(input.validEnd),
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  }
  checked(await ctx.db.collection(DEALS).add(d))
  await audit(ctx, { entity: 'deal', entityId: d._id, action: 'deal.created', to: 'draft' })
  return adminView(ctx, d)
}

export async function updateDeal(ctx: Ctx, input: Input<'deals', 'update'>): Promise<Output<'deals', 'update'>> {
  const d = await ownDeal(ctx, input.id)
  if (d.status === 'ended') throw new AppError('DEAL_STATE_CHANGE_NOT_ALLOWED')
  const { id, ...fields } = input
  const patch: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue
    patch[k] = ['saleStart', 'saleEnd', 'validStart', 'validEnd'].includes(k) ? new Date(v as number) : v
  }
  const next = { ...d, ...patch } as DealDoc
  const shape = shapeProblem(facts(next))
  if (shape) throw new AppError('DEAL_INVALID', shape)
  // A live deal must stay publishable after the edit; a draft may be incomplete.
  const problem = d.status === 'draft' ? null : publishProblem(facts(next))
  if (problem) throw new AppError('DEAL_INCOMPLETE', problem)
  const _ = ctx.db.command
  if (patch.images) patch.images = _.set(patch.images)
  if (patch.rules) patch.rules = _.set(patch.rules)
  checked(await ctx.db.collection(DEALS).doc(id).update({ ...patch, updatedAt: new Date(ctx.now()) }))
  await audit(ctx, { entity: 'deal', entityId: id, action: 'deal.updated', detail: { fields: Object.keys(patch) } })
  return adminView(ctx, next)
}

export async function setDealStatus(ctx: Ctx, input: Input<'deals', 'setStatus'>): Promise<Output<'deals', 'setStatus'>> {
  const d = await ownDeal(ctx, input.id)
  const to = input.to as DealStatus
  if (!guard(DEAL_TRANSITIONS, d.status, to).ok) throw new AppError('DEAL_STATE_CHANGE_NOT_ALLOWED')
  if (to === 'published') {
    const problem = publishProblem(facts(d))
    if (problem) throw new AppError('DEAL_INCOMPLETE', problem)
  }
  const moved = await updatedCount(ctx.db.collection(DEALS).where({ _id: d._id, status: d.status }).update({ status: to, updatedAt: new Date(ctx.now()) }))
  if (moved !== 1) throw new AppError('DEAL_STATE_CHANGE_NOT_ALLOWED')
  await audit(ctx, { entity: 'deal', entityId: d._id, action: `deal.${to}`, from: d.status, to })
  return adminView(ctx, { ...d, status: to })
}

export async function adjustStock(ctx: Ctx, input: Input<'deals', 'adjustStock'>): Promise<Output<'deals', 'adjustStock'>> {
  const d = await ownDeal(ctx, input.id)
  const _ = ctx.db.command
  const res = checked(
    await ctx.db.collection(DEALS).where({ _id: d._id, stock: _.gte(Math.max(0, -input.delta)) }).updateAndReturn({ stock: _.inc(input.delta), updatedAt: new Date(ctx.now()) }),
  ) as { updated: number; doc?: DealDoc }
  if (res.updated !== 1 || !res.doc) throw new AppError('STOCK_BELOW_ZERO')
  await audit(ctx, { entity: 'deal', entityId: d._id, action: 'deal.stock_adjusted', detail: { delta: input.delta, stock: res.doc.stock } })
  return adminView(ctx, res.doc)
}
