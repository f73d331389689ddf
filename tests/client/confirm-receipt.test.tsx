import { jest } from '@jest/globals'
import Taro from '@tarojs/taro'
import type { OrderView } from '@core/contracts/views'
import { ConfirmReceipt } from '@/features/orders'
import { taroMock } from '../support/taro-mock'
import { FakeBackend } from './support/fake-backend'
import { orderView } from './support/fake-orders'
import { asWeapp, weapp } from './support/weapp'
import { cleanup, click, getByText, render, waitFor } from './support/render'

/** 确认收货 on the order page: WeChat's component on weapp, checked by the function; a note on h5. */
type Status = 'success' | 'fail' | 'cancel'
const openBusinessView = jest.fn((o: { businessType: string; extraData: Record<string, string>; success?: (r: { extraData: { status: Status } }) => void }) => {
  o.success?.({ extraData: { status: next } })
})
let next: Status = 'success'
Object.assign(Taro as unknown as Record<string, unknown>, { openBusinessView })

const shipped = (over: Partial<OrderView> = {}) => orderView({ id: 'o_1', receipt: { transactionId: '4200000001', confirmed: false }, ...over })

beforeEach(() => {
  taroMock.reset()
  openBusinessView.mockClear()
  next = 'success'
})
afterEach(() => {
  cleanup()
  weapp.restore()
})

describe('确认收货', () => {
  it('weapp: opens weappOrderConfirm with the transaction id, then records it through the function', async () => {
    asWeapp()
    const backend = new FakeBackend().on('orders.confirmReceipt', (input) => shipped({ id: String(input.orderId), receipt: { transactionId: '4200000001', confirmed: true } })).install()
    const done = jest.fn<(v: OrderView) => void>()
    const r = await render(<ConfirmReceipt order={shipped()} onDone={done} />)
    await click(getByText(r, '确认收货'))
    expect(openBusinessView).toHaveBeenCalledWith(expect.objectContaining({ businessType: 'weappOrderConfirm', extraData: { transaction_id: '4200000001' } }))
    await waitFor(() => expect(done).toHaveBeenCalled())
    expect(done.mock.calls[0][0].receipt).toEqual({ transactionId: '4200000001', confirmed: true })
    expect(backend.calls.map((c) => [c.fn, c.action, c.input])).toEqual([['orders', 'confirmReceipt', { orderId: 'o_1' }]])
  })

  it('weapp: a cancelled component records nothing', async () => {
    asWeapp()
    next = 'cancel'
    const backend = new FakeBackend().install()
    const done = jest.fn<(v: OrderView) => void>()
    const r = await render(<ConfirmReceipt order={shipped()} onDone={done} />)
    await click(getByText(r, '确认收货'))
    expect(openBusinessView).toHaveBeenCalledTimes(1)
    expect(backend.calls).toEqual([])
    expect(done).not.toHaveBeenCalled()
  })

  it('is not offered before shipping or after confirming; h5 shows a note instead of the button', async () => {
    asWeapp()
    for (const receipt of [null, { transactionId: '4200000001', confirmed: true }]) {
      const r = await render(<ConfirmReceipt order={shipped({ receipt })} onDone={() => {}} />)
      expect(r.container.textContent).toBe('')
      cleanup()
    }
    weapp.restore()
    const r = await render(<ConfirmReceipt order={shipped()} onDone={() => {}} />)
    expect(r.container.textContent).toContain('在微信小程序中打开本订单可确认收货')
    expect(r.container.textContent).not.toContain('确认收货 ')
    expect(openBusinessView).not.toHaveBeenCalled()
  })
})
