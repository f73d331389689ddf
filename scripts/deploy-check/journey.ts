import { randomBytes } from 'node:crypto'

/**
 * The whole money journey from the outside, as the apps and WeChat drive it, against a running local stack:
 * share → checkout → pay → 发货信息 → verify → refund → withdraw. Every call goes through the gateway (POST /fn/<name>
 * with the persona's openid); what only WeChat's own UI does goes through the local stand-ins of that UI
 * (POST /local/pay, POST /local/transfer), and timers fire as TCB fires them (POST /local/timers/<name>).
 */
export interface JourneyStep {
  step: string
  ok: boolean
  detail: string
}

export interface JourneyPeople {
  promoter: string
  buyer: string
  staff: string
}

export async function runJourney(apiUrl: string, who: JourneyPeople, dealId = 'deal_tea_for_two'): Promise<JourneyStep[]> {
  const steps: JourneyStep[] = []
  const key = () => randomBytes(8).toString('hex')
  const post = async (path: string, body: unknown, openid?: string) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-tuanka-openid': openid } : {}) },
      body: JSON.stringify(body),
    })
    return (await res.json()) as { ok: boolean; data?: any; code?: string; message?: string }
  }
  const call = async (fn: string, action: string, input: unknown, openid: string) => {
    const r = await post(`/fn/${fn}`, { action, input }, openid)
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message ?? ''}`)
    return r.data
  }
  const step = async (name: string, run: () => Promise<string>): Promise<boolean> => {
    try {
      steps.push({ step: name, ok: true, detail: await run() })
      return true
    } catch (e) {
      steps.push({ step: name, ok: false, detail: e instanceof Error ? e.message : String(e) })
      return false
    }
  }
  const order = (id: string) => call('orders', 'get', { id }, who.buyer)
  const expect = (cond: unknown, why: string) => {
    if (!cond) throw new Error(why)
  }

  let shareCode = ''
  let orderId = ''
  let codes: string[] = []
  const done =
    (await step('share', async () => {
      await call('promoters', 'join', { name: '检查推手' }, who.promoter)
      shareCode = (await call('promoters', 'share', { dealId }, who.promoter)).shareCode
      return `promoters.share ${dealId} → ${shareCode}`
    })) &&
    (await step('checkout', async () => {
      const placed = await call('orders', 'place', { dealId, qty: 2, idempotencyKey: key(), shareCode }, who.buyer)
      orderId = placed.id
      return `orders.place ×2 → ${orderId} (${placed.state}, ${placed.amountFen} fen)`
    })) &&
    (await step('pay', async () => {
      const params = await call('payments', 'prepay', { orderId }, who.buyer)
      expect(params.provider === 'wechat' && typeof params.package === 'string', `prepay answered ${JSON.stringify(params)}, not WeChat Pay parameters`)
      const sheet = await post('/local/pay', { package: params.package })
      expect(sheet.ok, `payment sheet: ${sheet.code}`)
      const o = await order(orderId)
      expect(o.state === 'paid' && o.codes.length === 2, `order is ${o.state} with ${o.codes.length} codes after paying`)
      codes = o.codes.map((c: { code: string }) => c.code)
      return `cloudPay unifiedOrder → sheet → callback to payments (queryOrder-checked) → paid, 2 codes`
    })) &&
    (await step('发货信息', async () => {
      const fired = await post('/local/timers/uploadShipping', {})
      expect(fired.ok, `timer uploadShipping: ${fired.code}`)
      const labels = (await order(orderId)).timeline.map((e: { action: string }) => e.action)
      expect(labels.includes('order.shipping_uploaded'), `uploadShipping answered ${JSON.stringify(fired.data?.result)}, the order has no accepted upload`)
      return `timer uploadShipping → wxa.sec.order.uploadShippingInfo accepted (${JSON.stringify(fired.data.result)})`
    })) &&
    (await step('verify', async () => {
      await call('redemption', 'confirm', { codes: [codes[0]], idempotencyKey: key() }, who.staff)
      const state = (await order(orderId)).codes.find((c: { code: string }) => c.code === codes[0])?.state
      expect(state === 'redeemed', `code is ${state} after 核销`)
      return `redemption.confirm → ${codes[0]} redeemed`
    })) &&
    (await step('refund', async () => {
      await call('orders', 'refund', { orderId, codes: [codes[1]] }, who.buyer)
      await post('/local/timers/retryRefunds', {})
      const o = await order(orderId)
      const state = o.codes.find((c: { code: string }) => c.code === codes[1])?.state
      expect(state === 'refunded', `code is ${state} after 退款`)
      return `orders.refund → cloudPay refund (+ refund-result callback) → ${codes[1]} refunded, order refundedFen ${o.refundedFen}`
    })) &&
    (await step('withdraw', async () => {
      const center = await call('promoters', 'center', {}, who.promoter)
      const amountFen = center.balance.availableFen
      expect(amountFen > 0, `nothing available to withdraw (${JSON.stringify(center.balance)})`)
      const w = await call('promoters', 'withdraw', { amountFen, idempotencyKey: key() }, who.promoter)
      expect(w.transfer?.provider === 'wechat', `withdraw answered ${JSON.stringify(w.transfer)}, not wx.requestMerchantTransfer parameters`)
      const sheet = await post('/local/transfer', { package: w.transfer.package, action: 'confirm' })
      expect(sheet.ok, `确认收款 sheet: ${sheet.code} ${sheet.message ?? ''}`)
      await post('/local/timers/reconcileTransfers', {})
      const after = await call('promoters', 'withdrawal', { id: w.id }, who.promoter)
      expect(after.status === 'paid', `withdrawal is ${after.status}${after.failReason ? ` (${after.failReason})` : ''}`)
      return `promoters.withdraw ${amountFen} fen → v3 transfer-bills → 确认收款 → paid`
    }))
  if (!done) {
    const names = ['share', 'checkout', 'pay', '发货信息', 'verify', 'refund', 'withdraw']
    for (const n of names.slice(steps.length)) steps.push({ step: n, ok: false, detail: 'not reached' })
  }
  return steps
}
