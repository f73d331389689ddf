/**
 * The promoter side of the fake backend: fixtures of the promoters contract (funnels, lines, withdrawals, orders)
 * and a stateful withdrawal flow — promoters.withdraw holds the money and answers a transfer to confirm;
 * the gateway's POST /local/transfer (or the test, for the WeChat path) pays or cancels it; promoters.withdrawal
 * reads it back. Used with FakeBackend (fake-backend.ts), whose installed fetch it wraps for /local/transfer.
 */
import type { CommissionLineView, PromoterCenter, PromoterOrderView, ShareFunnel, ShopPromoterView, WithdrawalView } from '@core/contracts/views'
import { FakeBackend, Refusal, me } from './fake-backend'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
export const T0 = Date.now()

export function shareFunnel(over: Partial<ShareFunnel> & Pick<ShareFunnel, 'shareCode' | 'dealId' | 'channel'>): ShareFunnel {
  return {
    dealTitle: over.dealId === 'deal_tea' ? '双人下午茶套餐' : '冰美式两杯',
    createdAt: T0 - 3 * DAY,
    visits: 0,
    visitors: 0,
    placed: 0,
    orders: 0,
    units: 0,
    redeemed: 0,
    commissionFen: 0,
    approval: 'not_required',
    groups: [],
    ...over,
  }
}

export function commissionLine(over: Partial<CommissionLineView> & Pick<CommissionLineView, 'id' | 'status'>): CommissionLineView {
  return {
    orderId: 'o_1001',
    dealTitle: '双人下午茶套餐',
    amountFen: 340,
    reversedFen: 0,
    availableAt: null,
    holdDays: 0,
    validEnd: null,
    history: [{ status: 'pending', at: T0 - 2 * DAY }],
    ...over,
  }
}

export function withdrawalView(over: Partial<WithdrawalView> & Pick<WithdrawalView, 'id' | 'amountFen' | 'status'>): WithdrawalView {
  return { createdAt: T0 - DAY, paidAt: null, failReason: null, transfer: null, ...over }
}

export function promoterOrder(over: Partial<PromoterOrderView> & Pick<PromoterOrderView, 'orderId'>): PromoterOrderView {
  return {
    dealTitle: '双人下午茶套餐',
    shopName: '拾光咖啡（万象城店）',
    buyerMasked: '张**',
    units: 1,
    paidAt: T0 - 2 * DAY,
    rule: 'share_code',
    shareCode: 'SCARDTEA0001',
    channel: 'card',
    visitAt: T0 - 2 * DAY - HOUR,
    windowDays: 7,
    groupLabel: null,
    commissionCounts: true,
    commissionFen: 340,
    lines: [commissionLine({ id: `${over.orderId}_1`, orderId: over.orderId, status: 'pending' })],
    ...over,
  }
}

export function shopPromoter(over: Partial<ShopPromoterView> & Pick<ShopPromoterView, 'promoterId' | 'name'>): ShopPromoterView {
  return {
    approval: 'not_required',
    firstSeenAt: T0 - 5 * DAY,
    settledFen: 0,
    visits: 0,
    visitors: 0,
    placed: 0,
    orders: 0,
    units: 0,
    redeemed: 0,
    commissionFen: 0,
    ...over,
  }
}

export function emptyCenter(over: Partial<PromoterCenter> = {}): PromoterCenter {
  return {
    name: '王姐',
    balance: { pendingFen: 0, lockedFen: 0, availableFen: 0, withdrawnFen: 0 },
    minWithdrawFen: 100,
    shares: [],
    recentLines: [],
    withdrawals: [],
    ...over,
  }
}

export interface PromoterState {
  promoters: Set<string>
  center: PromoterCenter
  /** By idempotency key: a replayed key answers the first withdrawal. */
  byKey: Map<string, WithdrawalView>
  /** Bodies POSTed to /local/transfer. */
  localTransfers: { package: string; action: string }[]
}

export function promoterState(center: PromoterCenter, over: Partial<PromoterState> = {}): PromoterState {
  return { promoters: new Set(['o_promoter']), center, byKey: new Map(), localTransfers: [], ...over }
}

function replaceWithdrawal(s: PromoterState, w: WithdrawalView): void {
  s.center = { ...s.center, withdrawals: s.center.withdrawals.map((x) => (x.id === w.id ? w : x)) }
  for (const [k, x] of s.byKey) if (x.id === w.id) s.byKey.set(k, w)
}

/** WeChat Pay's callback for a transfer: paid (withdrawn grows) or failed/cancelled (the money goes back). */
export function settleTransfer(s: PromoterState, id: string, outcome: 'paid' | 'failed', failReason = '你取消了收款'): WithdrawalView {
  const w = s.center.withdrawals.find((x) => x.id === id)
  if (!w) throw new Refusal('WITHDRAWAL_NOT_FOUND')
  if (w.status !== 'requested') return w
  const bal = s.center.balance
  const next: WithdrawalView =
    outcome === 'paid'
      ? { ...w, status: 'paid', paidAt: Date.now(), transfer: null }
      : { ...w, status: 'failed', failReason, transfer: null }
  s.center = {
    ...s.center,
    balance:
      outcome === 'paid'
        ? { ...bal, withdrawnFen: bal.withdrawnFen + w.amountFen }
        : { ...bal, availableFen: bal.availableFen + w.amountFen },
  }
  replaceWithdrawal(s, next)
  return next
}

/** shops.me, promoters.center / join / withdraw / withdrawal on `b`, and POST /local/transfer, over `s`. */
export function installPromoterBackend(b: FakeBackend, s: PromoterState): FakeBackend {
  b.on('shops.me', (_i, openid) => me({ openid, promoter: s.promoters.has(openid ?? '') }))
    .on('promoters.center', (_i, openid) => {
      if (!s.promoters.has(openid ?? '')) throw new Refusal('NOT_PROMOTER')
      return s.center
    })
    .on('promoters.join', (input, openid) => {
      s.promoters.add(openid ?? '')
      return { name: String(input.name) }
    })
    .on('promoters.withdraw', (input) => {
      const key = String(input.idempotencyKey)
      const amountFen = Number(input.amountFen)
      const first = s.byKey.get(key)
      if (first) return first
      if (amountFen < s.center.minWithdrawFen) throw new Refusal('WITHDRAW_BELOW_MINIMUM')
      if (amountFen > s.center.balance.availableFen) throw new Refusal('INSUFFICIENT_BALANCE')
      const id = `w_${s.byKey.size + 1}`
      const pkg = `pkg_${id}`
      const w = withdrawalView({
        id,
        amountFen,
        status: 'requested',
        createdAt: Date.now(),
        transfer: { provider: 'wechat', mchId: '1900000109', appId: 'wxtuanka', package: pkg },
      })
      s.byKey.set(key, w)
      const bal = s.center.balance
      s.center = { ...s.center, balance: { ...bal, availableFen: bal.availableFen - amountFen }, withdrawals: [w, ...s.center.withdrawals] }
      return w
    })
    .on('promoters.withdrawal', (input) => {
      const w = s.center.withdrawals.find((x) => x.id === input.id)
      if (!w) throw new Refusal('WITHDRAWAL_NOT_FOUND')
      return w
    })
    .install()
  const inner = globalThis.fetch as (url: string, init?: RequestInit) => Promise<Response>
  ;(globalThis as { fetch?: unknown }).fetch = async (url: string, init?: RequestInit) => {
    if (String(url).replace(/^https?:\/\/[^/]+/, '') !== '/local/transfer') return inner(url, init)
    if (b.networkDown) throw new TypeError('Failed to fetch')
    const body = JSON.parse(String(init?.body)) as { package: string; action: string }
    s.localTransfers.push(body)
    const w = s.center.withdrawals.find((x) => x.transfer?.package === body.package)
    if (!w) return json(409, { ok: false, code: 'TRANSFER_INVALID', message: 'x' })
    // As the emulator: 确认收款 pays; closing the page leaves the bill waiting.
    if (body.action !== 'confirm') return json(200, { ok: true, data: { state: 'WAIT_USER_CONFIRM', delivered: false } })
    settleTransfer(s, w.id, 'paid')
    return json(200, { ok: true, data: { state: 'SUCCESS', delivered: true } })
  }
  return b
}

function json(status: number, body: unknown): Response {
  const text = JSON.stringify(body)
  return { status, ok: status < 400, text: async () => text, json: async () => JSON.parse(text) } as unknown as Response
}
