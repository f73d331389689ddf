import { openidOf, OWNER_B } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { placeAndPay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'
import { auditEvents } from '../support/audit-events'

/**
 * 退款异常 for the shop: the owner sees the shop's abnormal refunds and re-queries one after fixing it in WeChat Pay's
 * merchant platform, through the timer's own path, against the WeChat Pay emulator.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())
afterEach(() => {
  t.stack.wxpay.refundOutcome = 'SUCCESS'
})

const SHOP = 'shop_shiguang'
const buyer = openidOf('consumer')
const owner = openidOf('owner')
const db = () => getDb()
const refundDoc = async (id: string) => (await db().collection('refunds').doc(id).get()).data[0]
const codeDoc = async (id: string) => (await db().collection('codes').doc(id).get()).data[0]
const audits = (where: Record<string, unknown>) => auditEvents(where)
const issues = (who: string, shopId = SHOP) => t.call('shops', { action: 'refundIssues', input: { shopId } }, who)
const retry = (who: string, refundNo: string, shopId = SHOP) => t.call('shops', { action: 'retryRefund', input: { shopId, refundNo } }, who)

async function abnormalRefund(): Promise<{ orderId: string; code: string }> {
  const o = await placeAndPay(t, buyer, 'deal_latte', 1)
  const code = o.codes[0].code as string
  t.stack.wxpay.refundOutcome = 'CHANGE'
  await t.call('orders', { action: 'refund', input: { orderId: o.id, codes: [code] } }, buyer)
  t.stack.wxpay.refundOutcome = 'SUCCESS'
  expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'abnormal' })
  return { orderId: o.id, code }
}

describe('退款异常 on the shop dashboard', () => {
  it('the owner sees the refund; 重新查询 while still abnormal changes nothing; after the fix it is booked once', async () => {
    const { orderId, code } = await abnormalRefund()
    const refundNo = `R${code}`
    const listed = (await issues(owner)).body
    expect(listed.ok).toBe(true)
    const mine = listed.data.find((i: { refundNo: string }) => i.refundNo === refundNo)
    const abnormalAt = +(await refundDoc(refundNo)).abnormalAt
    expect(mine).toEqual({ refundNo, orderId, dealTitle: expect.stringContaining('拿铁'), refundFen: 1990, since: abnormalAt })

    // Not fixed yet at WeChat: the query says so, nothing is booked.
    expect((await retry(owner, refundNo)).body).toEqual({ ok: true, data: { refundNo, status: 'abnormal' } })
    expect((await codeDoc(code)).status).toBe('refunding')

    // Fixed in the merchant platform: 重新查询 finds the money back and books it once.
    expect(t.stack.wxpay.resolveAbnormalRefund(refundNo)).toBe(true)
    expect((await retry(owner, refundNo)).body).toEqual({ ok: true, data: { refundNo, status: 'succeeded' } })
    expect((await codeDoc(code)).status).toBe('refunded')
    expect(await audits({ entityId: refundNo, action: 'refund.succeeded' })).toHaveLength(1)
    expect(await audits({ entityId: refundNo, action: 'refund.requeried' })).toMatchObject([
      { actor: owner, fn: 'shops', from: 'abnormal', to: 'abnormal', at: expect.any(Date) },
      { actor: owner, fn: 'shops', from: 'abnormal', to: 'succeeded', at: expect.any(Date) },
    ])
    expect(await audits({ entityId: code, action: 'code.refunded' })).toHaveLength(1)

    // Again: already settled, it just reports its state; nothing else is written.
    const events = (await audits({ orderId })).length
    expect((await retry(owner, refundNo)).body).toEqual({ ok: true, data: { refundNo, status: 'succeeded' } })
    expect(await audits({ orderId })).toHaveLength(events)
    expect((await issues(owner)).body.data.map((i: { refundNo: string }) => i.refundNo)).not.toContain(refundNo)
  })

  it('is the owner\'s: staff are refused, another shop sees neither the list nor the refund', async () => {
    const { code } = await abnormalRefund()
    const refundNo = `R${code}`
    expect((await issues(openidOf('staff'))).body).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await retry(openidOf('staff'), refundNo)).body).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const other = (await issues(OWNER_B, 'shop_shuxiang')).body
    expect(other.ok).toBe(true)
    expect(other.data.map((i: { refundNo: string }) => i.refundNo)).not.toContain(refundNo)
    expect((await retry(OWNER_B, refundNo, 'shop_shuxiang')).body).toMatchObject({ ok: false, code: 'REFUND_NOT_FOUND' })
    expect((await retry(owner, 'R_NOPE')).body).toMatchObject({ ok: false, code: 'REFUND_NOT_FOUND' })
    expect(await refundDoc(refundNo)).toMatchObject({ status: 'abnormal' })
    expect(await audits({ entityId: refundNo, action: 'refund.requeried' })).toEqual([])
  })
})
