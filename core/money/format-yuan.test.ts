import { formatYuan, formatYuanFixed, formatYuanFixedSigned } from './format-yuan'

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
  it('signed settlement format keeps the sign and two decimals', () => {
    expect(formatYuanFixedSigned(-6800)).toBe('-68.00')
    expect(formatYuanFixedSigned(-5)).toBe('-0.05')
    expect(formatYuanFixedSigned(0)).toBe('0.00')
    expect(formatYuanFixedSigned(45940)).toBe('459.40')
    expect(() => formatYuanFixedSigned(-1.5)).toThrow(RangeError)
  })
  it('refuses non-fen amounts', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError)
    expect(() => formatYuan(-1)).toThrow(RangeError)
  })
})
