import { platformFunctions } from '../../../local/gateway/functions'
import type { WxPayEmulator } from '../../../local/platform/wxpay'
import { scfContext } from '../../../local/gateway/scf-context'
import { DEMO_ADMIN_OPENID, OWNER_B, STAFF_B, openidOf } from '../../../local/seed/personas'
import { getDb } from '../../../server/platform/cloudbase'
import { auditCount as countAuditEvents } from '../../support/audit-events'
import { key, type Api } from './api'

export const SHOP_A = 'shop_shiguang'
export const SHOP_B = 'shop_shuxiang'
export const P = {
  consumer: openidOf('consumer'),
  other: openidOf('consumer2'),
  promoter: openidOf('promoter'),
  ownerA: openidOf('owner'),
  staffA: openidOf('staff'),
  ownerB: OWNER_B,
  staffB: STAFF_B,
  admin: DEMO_ADMIN_OPENID,
}

const DAY = 24 * 3600 * 1000

export interface DealSpec {
  title?: string
  stock?: number
  priceFen?: number
  perUserLimit?: number
  commissionBps?: number
  validEndInDays?: number
  publish?: boolean
  /** 成团: minimum paid units (0 = none). */
  groupMin?: number
}

/** A deal of shop A made the way its owner makes one: deals.create, then setStatus published. */
export async function createDeal(api: Api, spec: DealSpec = {}, owner = P.ownerA, shopId = SHOP_A): Promise<string> {
  const now = Date.now()
  const d = await api.ok('deals', 'create', {
    shopId,
    title: spec.title ?? `可靠性测试 ${key()}`,
    images: ['/files/demo/latte-1.svg'],
    priceFen: spec.priceFen ?? 990,
    originalPriceFen: Math.max(spec.priceFen ?? 990, 1990),
    stock: spec.stock ?? 100,
    perUserLimit: spec.perUserLimit ?? 5,
    saleStart: now - 60_000,
    saleEnd: now + 7 * DAY,
    validStart: now - 60_000,
    validEnd: now + (spec.validEndInDays ?? 30) * DAY,
    rules: ['可靠性测试'],
    description: '',
    commissionBps: spec.commissionBps ?? 1000,
    ...(spec.groupMin ? { groupMin: spec.groupMin } : {}),
  }, owner)
  if (spec.publish !== false) await api.ok('deals', 'setStatus', { id: d.id, to: 'published' }, owner)
  return d.id as string
}

export async function place(api: Api, buyer: string, dealId: string, qty: number, extra: Record<string, unknown> = {}) {
  return api.call('orders', { action: 'place', input: { dealId, qty, idempotencyKey: key(), ...extra } }, buyer)
}

/** The buyer's payment through the local WeChat Pay sheet (prepay, then the sheet's confirm fires the notify). */
export async function pay(api: Api, buyer: string, orderId: string): Promise<boolean> {
  const pre = await api.call('payments', { action: 'prepay', input: { orderId } }, buyer)
  if (!pre.body?.ok) return false
  const r = await api.post('/local/pay', JSON.stringify({ package: pre.body.data.package }))
  return r.body?.ok === true
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function placeAndPay(api: Api, buyer: string, dealId: string, qty: number, extra: Record<string, unknown> = {}): Promise<any> {
  const placed = await place(api, buyer, dealId, qty, extra)
  if (!placed.body?.ok) throw new Error(`place failed: ${placed.text || placed.error}`)
  if (!(await pay(api, buyer, placed.body.data.id))) throw new Error(`pay failed for ${placed.body.data.id}`)
  return api.ok('orders', 'get', { id: placed.body.data.id }, buyer)
}

let emulator: WxPayEmulator | undefined
/** The shared stack's WeChat Pay emulator (run.ts sets it). */
export function useWxPay(w: WxPayEmulator): void {
  emulator = w
}
export function wxpay(): WxPayEmulator {
  if (!emulator) throw new Error('no WeChat Pay emulator: run.ts sets it with useWxPay')
  return emulator
}

/**
 * The buyer pays at the WeChat Pay emulator, which holds its callback back (its own delivery comes later, on WeChat's
 * retry schedule); the notification it owes is returned so the test can deliver it again and again exactly as WeChat
 * retries it (same transaction id).
 */
export async function notifyEventFor(api: Api, buyer: string, orderId: string): Promise<Record<string, unknown>> {
  const pre = await api.ok('payments', 'prepay', { orderId }, buyer)
  const paid = await wxpay().userPaid(String(pre.package).slice('prepay_id='.length), { hold: true })
  if (!paid.ok) throw new Error(`emulator refused to pay ${orderId}: ${paid.reason}`)
  return wxpay().paymentNotice(orderId)!
}

/** Delivers a callback to the payments function the way the platform invokes it (no user identity). */
export async function deliverNotify(event: Record<string, unknown>): Promise<{ errcode?: number; errmsg?: string }> {
  return (await platformFunctions.payments(event, scfContext('payments', null))) as { errcode?: number; errmsg?: string }
}

export const db = () => getDb()

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>

/** Every document of a collection matching `where` (paged past the 1000 limit). */
export async function all(coll: string, where: Record<string, unknown> = {}): Promise<Doc[]> {
  const out: Doc[] = []
  for (let skip = 0; ; skip += 1000) {
    let page: Doc[]
    try {
      page = (await db().collection(coll).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data as Doc[]
    } catch (e) {
      if (skip === 0 && /not ?exist/i.test(String(e))) return []
      throw e
    }
    out.push(...page)
    if (page.length < 1000) return out
  }
}

export async function doc(coll: string, id: string): Promise<Doc | undefined> {
  return (await db().collection(coll).doc(id).get()).data[0] as Doc | undefined
}

export async function count(coll: string, where: Record<string, unknown>): Promise<number> {
  return (await db().collection(coll).where(where).count()).total as number
}

/** Audit events matching `where`, in audit_events or carried by the documents they changed (tests/support/audit-events). */
export async function auditCount(where: Record<string, unknown>): Promise<number> {
  return countAuditEvents(where, db())
}

/** A fresh staff member of shop A with their own openid (owner invites, they accept). */
export async function newStaff(api: Api, openid: string, name = '可靠性店员', owner = P.ownerA, shopId = SHOP_A): Promise<string> {
  const invite = await api.ok('shops', 'invite', { shopId }, owner)
  await api.ok('shops', 'acceptInvite', { code: invite.code, name }, openid)
  return openid
}
