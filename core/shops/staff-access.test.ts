import { seesShopMoney, withoutMoney } from './staff-access'

describe('who sees a shop\'s money', () => {
  it('the owner always; staff only where the owner allows it, and not by default', () => {
    expect(seesShopMoney('owner', undefined)).toBe(true)
    expect(seesShopMoney('owner', false)).toBe(true)
    expect(seesShopMoney('staff', undefined)).toBe(false)
    expect(seesShopMoney('staff', null)).toBe(false)
    expect(seesShopMoney('staff', false)).toBe(false)
    expect(seesShopMoney('staff', true)).toBe(true)
  })

  it('a record without money keeps every count and drops every …Fen figure', () => {
    const promoter = { promoterId: 'p1', name: '王姐', orders: 3, redeemed: 2, commissionFen: 1200, settledFen: 800 }
    expect(withoutMoney(promoter)).toEqual({ promoterId: 'p1', name: '王姐', orders: 3, redeemed: 2 })
    expect(Object.keys(withoutMoney({ grossFen: 1, refundedFen: 2, netFen: -1 }))).toEqual([])
  })
})
