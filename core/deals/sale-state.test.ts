import { saleStateOf } from './sale-state'

const base = { status: 'published' as const, stock: 5, saleStart: 100, saleEnd: 200 }

describe('saleStateOf', () => {
  it.each([
    [{}, 150, 'on_sale'],
    [{}, 99, 'not_started'],
    [{}, 200, 'ended'],
    [{ stock: 0 }, 150, 'sold_out'],
    [{ status: 'paused' as const, stock: 0 }, 150, 'paused'],
    [{ status: 'ended' as const }, 150, 'ended'],
    [{ status: 'draft' as const }, 150, 'draft'],
  ])('%o at %i is %s', (patch, now, expected) => {
    expect(saleStateOf({ ...base, ...patch }, now)).toBe(expected)
  })
})
