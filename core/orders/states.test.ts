import { CODE_STATES, CODE_TRANSITIONS } from '../codes/states'
import { guard, reachableFrom, terminalStates } from '../state-machine'
import { orderStateOfCodes } from './order-state-of-codes'
import { ORDER_STATES, ORDER_TRANSITIONS } from './states'

describe('order states', () => {
  it('every state is reachable from pending_payment', () => {
    expect([...reachableFrom(ORDER_TRANSITIONS, 'pending_payment')].sort()).toEqual([...ORDER_STATES].sort())
  })
  it('terminal states have no exits, and they are exactly these', () => {
    expect(terminalStates(ORDER_TRANSITIONS).sort()).toEqual(['closed', 'refunded'])
  })
  it('the guard gives a reason', () => {
    expect(guard(ORDER_TRANSITIONS, 'pending_payment', 'paid')).toEqual({ ok: true })
    expect(guard(ORDER_TRANSITIONS, 'closed', 'paid')).toEqual({ ok: false, reason: 'not_allowed' })
    expect(guard(ORDER_TRANSITIONS, 'paid', 'paid')).toEqual({ ok: false, reason: 'same_state' })
  })
  it('table only names known states', () => {
    for (const to of Object.values(ORDER_TRANSITIONS).flat()) expect(ORDER_STATES).toContain(to)
  })
})

describe('code states', () => {
  it('every state is reachable from unused; refunded is the only terminal', () => {
    expect([...reachableFrom(CODE_TRANSITIONS, 'unused')].sort()).toEqual([...CODE_STATES].sort())
    expect(terminalStates(CODE_TRANSITIONS)).toEqual(['refunded'])
  })
  it('a redeemed code cannot be refunded', () => {
    expect(guard(CODE_TRANSITIONS, 'redeemed', 'refunding').ok).toBe(false)
  })
})

describe('orderStateOfCodes', () => {
  it.each([
    [['unused', 'redeemed'], 'paid'],
    [['refunding'], 'paid'],
    [['redeemed', 'refunded'], 'completed'],
    [['redeemed'], 'completed'],
    [['refunded', 'refunded'], 'refunded'],
  ] as const)('%o -> %s', (codes, state) => {
    expect(orderStateOfCodes(codes)).toBe(state)
  })
})
