import { formatYuan, formatYuanFixed } from './format-yuan'

describe('formatYuan', () => {
  it('reads like a shop price', () => {
    expect(formatYuan(1990)).toBe('19.9')
    expect(formatYuan(2000)).toBe('20')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(29800)).toBe('298')
    expect(formatYuan(101)).toBe('1.01')
  })
  it('settlement format always has two decimals', () => {
    expect(formatYuanFixed(1990)).toBe('19.90')
    expect(formatYuanFixed(7)).toBe('0.07')
  })
  it('refuses non-fen amounts', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError)
    expect(() => formatYuan(-1)).toThrow(RangeError)
  })
})
