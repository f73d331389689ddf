import { randomBytes } from 'node:crypto'
import type { TestStack } from './stack'

export const key = () => randomBytes(8).toString('hex')

export async function place(t: TestStack, buyer: string, dealId: string, qty: number, idempotencyKey = key()) {
  return t.call('orders', { action: 'place', input: { dealId, qty, idempotencyKey } }, buyer)
}

/** The buyer's whole payment: prepay, then the local WeChat Pay sheet's confirm, which makes the emulator call payments back. */
export async function pay(t: TestStack, buyer: string, orderId: string) {
  const prepay = await t.call('payments', { action: 'prepay', input: { orderId } }, buyer)
  if (!prepay.body.ok) throw new Error(`prepay failed: ${JSON.stringify(prepay.body)}`)
  const pkg = prepay.body.data.package as string
  const res = await fetch(`${t.stack.apiUrl}/local/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ package: pkg }),
  })
  return { status: res.status, body: await res.json(), package: pkg }
}

/** The prepay_id inside WeChat Pay's `package` (what the emulator knows a prepay by). */
export const prepayIdOf = (pkg: string) => pkg.slice('prepay_id='.length)

export async function placeAndPay(t: TestStack, buyer: string, dealId: string, qty: number) {
  const placed = await place(t, buyer, dealId, qty)
  if (!placed.body.ok) throw new Error(`place failed: ${JSON.stringify(placed.body)}`)
  await pay(t, buyer, placed.body.data.id)
  const order = await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, buyer)
  return order.body.data
}
