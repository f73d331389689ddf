import { createInputOf, emptyDealForm, readDealForm } from '@/features/staff/model/dealForm'

const NOW = Date.UTC(2026, 10, 23, 4, 0)

function filled(over: Partial<ReturnType<typeof emptyDealForm>>) {
  return { ...emptyDealForm(NOW), title: '四人火锅', price: '99', originalPrice: '168', stock: '50', images: ['/files/demo/hotpot-1.svg'], ...over }
}

describe('deal form: 成团 by units or by buyers', () => {
  it('sends the kind of minimum with the minimum, and nothing about groups without one', () => {
    const byBuyers = readDealForm(filled({ groupBy: 'buyers', groupMin: '3' }), true)
    expect(byBuyers.ok).toBe(true)
    if (!byBuyers.ok) return
    expect(createInputOf('shop_a', byBuyers.values)).toMatchObject({ groupBy: 'buyers', groupMin: 3 })

    const none = readDealForm(filled({ groupBy: 'buyers', groupMin: '' }), true)
    expect(none.ok).toBe(true)
    if (!none.ok) return
    const input = createInputOf('shop_a', none.values)
    expect(input.groupMin).toBe(0)
    expect('groupBy' in input).toBe(false)
  })

  it('names the minimum in its own unit when it is wrong', () => {
    const r = readDealForm(filled({ groupBy: 'buyers', groupMin: '1' }), true)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.groupMin).toContain('成团人数')
  })
})
