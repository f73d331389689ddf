import { platformFunctions } from '../../../local/gateway/functions'
import { wxpayControl } from '../../../local/platform/wxpay-control'
import { fireTimer } from '../../../local/timers/scheduler'
import { key, pool, sleep, type Api, type Reply } from './api'
import { SIZES } from './config'
import { all, createDeal, db, doc, P, type Doc } from './fixtures'
import { checkBooks } from './invariants'
import { sample, type Report } from './report'

/** What the outside world was told succeeded: none of it may be missing after the crash. */
export interface Acked {
  orders: Map<string, { buyer: string; qty: number }>
  paid: Set<string>
  refunded: Set<string>
  redeemed: Set<string>
  /** Orders the buyer paid at WeChat Pay (the emulator said so): WeChat owes each a callback until errcode 0. */
  paidAtWechat: Set<string>
}

export interface CrashRig {
  label: string
  /** The gateway to call right now (the crash-gateway family swaps it after the restart). */
  api(): Api
  /** The database's serviceUrl right now: WeChat Pay's emulator lives there (local/cloudbase/bin/serve.ts). */
  dbUrl(): string
  /** Kills the victim with SIGKILL. */
  kill(): Promise<void>
  /** Starts it again (same data dir / same database). */
  restart(): Promise<void>
  report: Report
}

const PRICE = 1290

/**
 * A burst of real traffic — checkouts (some through a promoter's share), payments, refunds, redemptions — with
 * the victim killed by SIGKILL when a quarter of the stock's checkouts are acknowledged, then restarted while the
 * burst goes on. Afterwards WeChat's retries are played (every callback not answered errcode 0 is delivered
 * again) and the books are checked: nothing acknowledged is lost, stock + sold = initial stock, every paid order
 * has its codes, and nothing is stuck where no timer moves it.
 */
export async function crashBurst(rig: CrashRig): Promise<void> {
  const { label, report } = rig
  const buyers = SIZES.crashBuyers
  const stock = Math.ceil(buyers * 0.6)
  const dealId = await createDeal(rig.api(), { stock, perUserLimit: 3, priceFen: PRICE, commissionBps: 1500, title: `可靠性·${label}` })
  const share = await rig.api().ok('promoters', 'share', { dealId }, P.promoter)
  const acked: Acked = { orders: new Map(), paid: new Set(), refunded: new Set(), redeemed: new Set(), paidAtWechat: new Set() }

  /** A client retries what got no answer or a 5xx, with the same request (same idempotency key), a few times. */
  const retrying = async (send: () => Promise<Reply>): Promise<Reply> => {
    let r = await send()
    for (let attempt = 0; attempt < 8 && (r.status === 0 || r.status >= 500); attempt++) {
      await sleep(150)
      r = await send()
    }
    return r
  }
  const flow = async (i: number) => {
    const buyer = `o_rel_${label}_${i}`
    const qty = 1 + (i % 2)
    const checkout = { action: 'place', input: { dealId, qty, idempotencyKey: key(), ...(i % 3 === 0 ? { shareCode: share.shareCode } : {}) } }
    const placed = await retrying(() => rig.api().call('orders', checkout, buyer))
    if (!placed.body?.ok) return
    const id = placed.body.data.id as string
    acked.orders.set(id, { buyer, qty })
    if (i % 7 === 6) return // never pays: the order must be closed by the timer
    const pre = await retrying(() => rig.api().call('payments', { action: 'prepay', input: { orderId: id } }, buyer))
    if (!pre.body?.ok) return
    // The buyer's 确认支付 at WeChat Pay (retried while the database, and the emulator with it, is down).
    let paid: { ok?: boolean; reply?: { errcode?: number } } | undefined
    for (let attempt = 0; attempt < 8 && !paid; attempt++) {
      paid = await wxpayControl(rig.dbUrl(), 'userPaid', { prepayId: String(pre.body.data.package).slice('prepay_id='.length) }).catch(() => undefined)
      if (!paid) await sleep(150)
    }
    if (!paid?.ok) return
    acked.paidAtWechat.add(id)
    // Buyers act on the codes they can see, whether or not WeChat has had its errcode 0 yet.
    if (paid.reply?.errcode === 0) acked.paid.add(id)
    if (i % 4 === 1 || i % 4 === 2) {
      const view = await retrying(() => rig.api().call('orders', { action: 'get', input: { id } }, buyer))
      const code = view.body?.data?.codes?.[0]?.code as string | undefined
      if (!code) return
      if (i % 4 === 1) {
        const r = await retrying(() => rig.api().call('orders', { action: 'refund', input: { orderId: id, codes: [code] } }, buyer))
        const state = r.body?.data?.codes?.find((c: { code: string }) => c.code === code)?.state
        if (r.body?.ok && (state === 'refunded' || state === 'refunding')) acked.refunded.add(code)
      } else {
        const confirm = { action: 'confirm', input: { codes: [code], idempotencyKey: key() } }
        const r = await retrying(() => rig.api().call('redemption', confirm, P.staffA))
        if (r.body?.data?.results?.[0]?.ok) acked.redeemed.add(code)
      }
    }
  }

  let outage = { killedAfter: 0, down: 0 }
  const crash = (async () => {
    while (acked.orders.size < Math.ceil(stock / 4)) await sleep(2)
    outage.killedAfter = acked.orders.size
    const t0 = Date.now()
    await rig.kill()
    await sleep(300) // the burst keeps coming while it is down
    await rig.restart()
    outage.down = Date.now() - t0
  })()
  await pool(Array.from({ length: buyers }, (_, i) => i), 40, flow)
  await crash

  // WeChat retries every callback that was not answered errcode 0 (what it still owes survived the crash).
  let retried = 0
  for (let round = 0; round < 5; round++) {
    const owed = ((await wxpayControl(rig.dbUrl(), 'pending')).pending as { outTradeNo?: string }[]).length
    if (!owed) break
    retried += owed
    await wxpayControl(rig.dbUrl(), 'retryPending')
  }
  const owedPayments = ((await wxpayControl(rig.dbUrl(), 'pending')).pending as { outTradeNo?: string; outRefundNo?: string }[]).filter((e) => !e.outRefundNo)
  const stillOwed = new Set(owedPayments.map((e) => e.outTradeNo))
  for (const id of acked.paidAtWechat) if (!stillOwed.has(id)) acked.paid.add(id)
  const tried = `${buyers} buyers, killed after ${outage.killedAfter} acked checkouts, down ${outage.down} ms`

  // Nothing acknowledged is lost.
  const lost: string[] = []
  const orders = new Map((await all('orders', { dealId })).map((o) => [o._id as string, o]))
  for (const [id, a] of acked.orders) {
    const o = orders.get(id)
    if (!o || o.buyer !== a.buyer || o.qty !== a.qty) lost.push(`order ${id} ${o ? 'changed' : 'missing'}`)
  }
  for (const id of acked.paid) if (!['paid', 'completed', 'refunded'].includes(orders.get(id)?.status)) lost.push(`paid order ${id} is ${orders.get(id)?.status}`)
  const codes = new Map((await all('codes', { dealId })).map((c) => [c._id as string, c]))
  for (const c of acked.refunded) if (!['refunded', 'refunding'].includes(codes.get(c)?.status)) lost.push(`refunded code ${c} is ${codes.get(c)?.status}`)
  for (const c of acked.redeemed) if (codes.get(c)?.status !== 'redeemed') lost.push(`redeemed code ${c} is ${codes.get(c)?.status}`)
  report.row(
    `${label}: no acknowledged write lost (orders, payments, refunds, redemptions)`,
    `${acked.orders.size} orders, ${acked.paid.size} payments (${retried} WeChat retries), ${acked.refunded.size} refunds, ${acked.redeemed.size} redemptions acked; ${tried}`,
    lost.length === 0,
    sample(lost),
  )

  // Every paid order has its codes.
  const noCodes = [...orders.values()]
    .filter((o) => ['grouping', 'paid', 'completed', 'refunded'].includes(o.status))
    .filter((o) => {
      const mine = [...codes.values()].filter((c) => c.orderId === o._id).map((c) => c._id as string).sort()
      return mine.length !== o.qty || mine.join() !== [...o.codes].sort().join()
    })
  report.row(`${label}: every paid order has its codes (after WeChat's retries)`, `${orders.size} orders`, noCodes.length === 0, sample(noCodes.map((o) => `${o._id} ${o.status} ${o.codes.length} fixed`)))

  // Nothing is stuck where no timer moves it: move the clock past every deadline and fire the timers.
  const pending = [...orders.values()].filter((o) => o.status === 'pending_payment')
  const refunding = [...codes.values()].filter((c) => c.status === 'refunding')
  const unmovable = [
    ...pending.filter((o) => !(o.payBefore instanceof Date)).map((o) => `${o._id} pending without payBefore`),
    ...refunding.filter((c) => !(c.refundRequestedAt instanceof Date)).map((c) => `${c._id} refunding without refundRequestedAt`),
  ]
  const holds = Object.keys(((await doc('deals', dealId)) as Doc).holds ?? {})
  await Promise.all(holds.map((id) => db().collection('deals').doc(dealId).update({ [`holds.${id}.at`]: new Date(Date.now() - 600_000) })))
  await Promise.all(pending.map((o) => db().collection('orders').doc(o._id).update({ payBefore: new Date(Date.now() - 1000) })))
  await Promise.all(refunding.map((c) => db().collection('codes').doc(c._id).update({ refundRequestedAt: new Date(Date.now() - 120_000) })))
  const unbooked = [...codes.values()].filter((c) => (c.status === 'redeemed' || c.status === 'refunded') && c.booked === false)
  await Promise.all(unbooked.map((c) => db().collection('codes').doc(c._id).update({ [c.status === 'redeemed' ? 'redeemedAt' : 'refundedAt']: new Date(Date.now() - 120_000) })))
  const timers = [await fireTimer(platformFunctions.timers, 'closeUnpaid'), await fireTimer(platformFunctions.timers, 'retryRefunds')] as { ok: boolean; code?: string }[]
  const stillPending = (await all('orders', { dealId, status: 'pending_payment' })).length
  const stillRefunding = (await all('codes', { dealId, status: 'refunding' })).length
  const stillHeld = Object.keys(((await doc('deals', dealId)) as Doc).holds ?? {}).length
  report.row(
    `${label}: nothing stuck — unpaid orders close, dead checkouts' holds come back, retryRefunds finishes refunds and redemptions`,
    `${pending.length} unpaid, ${refunding.length} refunding, ${holds.length} holds, ${unbooked.length} unbooked redemptions/refunds`,
    unmovable.length === 0 && timers.every((t) => t.ok) && stillPending === 0 && stillRefunding === 0 && stillHeld === 0,
    `${sample(unmovable)}; timers ${JSON.stringify(timers.map((t) => t.code ?? 'ok'))}; still ${stillPending} pending, ${stillRefunding} refunding, ${stillHeld} holds`,
  )

  const deal = (await doc('deals', dealId)) as Doc
  report.row(`${label}: stock + sold = initial stock`, `stock ${stock}`, deal.stock + deal.sold === stock && deal.stock >= 0, `stock ${deal.stock} + sold ${deal.sold} ≠ ${stock}`)
  await checkBooks(report, `${label} books`)
}
