import fc from 'fast-check'
import { refusalCode, retryDelayMs, rfc3339China, shippedState, shippingBody, shippingDue } from './shipping'

const at = (iso: string) => Date.parse(iso)

describe('发货信息 for a voucher order', () => {
  it('is a virtual good shipped in one go, keyed by the WeChat Pay transaction, paid by the buyer', () => {
    const body = shippingBody({ transactionId: '4200001234', payerOpenid: 'o_buyer', dealTitle: '双人下午茶', qty: 2 }, at('2026-11-23T14:00:00+08:00'))
    expect(body).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200001234' },
      logistics_type: 3,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '双人下午茶*2' }],
      upload_time: '2026-11-23T14:00:00.000+08:00',
      payer: { openid: 'o_buyer' },
    })
  })

  it('cuts item_desc to WeChat 120 characters', () => {
    const body = shippingBody({ transactionId: 't', payerOpenid: 'o', dealTitle: '套'.repeat(200), qty: 1 }, 0)
    expect(body.shipping_list[0].item_desc).toHaveLength(120)
  })

  it('writes upload_time in China time whatever the instant, and it reads back as the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z') }), (ms) => {
        const s = rfc3339China(ms)
        expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/)
        expect(Date.parse(s)).toBe(ms)
      }),
    )
    expect(rfc3339China(at('2026-12-31T23:59:30+08:00'))).toBe('2026-12-31T23:59:30.000+08:00')
    expect(rfc3339China(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00.000+08:00')
  })

  it('starts due at the payment, with nothing tried', () => {
    expect(shippingDue(1000)).toEqual({ state: 'due', attempts: 0, uncertain: false, lastCode: null, nextAt: new Date(1000), acceptedAt: null, uploadTime: null, confirmedAt: null })
  })

  it('spaces retries 1, 2, 4 ... minutes, never more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => retryDelayMs(n + 1) >= retryDelayMs(n)))
  })

  it('names each refusal with a stable code; after one that may mean WeChat holds shipping info, asks first', () => {
    expect(refusalCode(10060001)).toEqual({ code: 'SHIPPING_PAYMENT_UNKNOWN', askFirst: false })
    expect(refusalCode(10060003)).toEqual({ code: 'SHIPPING_RESHIP_USED', askFirst: true })
    expect(refusalCode(10060004)).toEqual({ code: 'SHIPPING_NOT_SHIPPABLE', askFirst: true })
    expect(refusalCode(47001)).toEqual({ code: 'SHIPPING_BAD_REQUEST', askFirst: false })
    expect(refusalCode(40001).code).toBe('SHIPPING_WX_40001')
  })

  it("reads getOrder's order_state", () => {
    expect([1, 2, 3, 4, 5, 6].map(shippedState)).toEqual(['unshipped', 'shipped', 'shipped', 'shipped', 'refunded', 'shipped'])
  })
})
