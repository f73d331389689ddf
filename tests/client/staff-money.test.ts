import fc from 'fast-check'
import { formatYuan, formatYuanFixed } from '@core/money/format-yuan'
import { bpsToPercentText, parseCount, parsePercentToBps, parseYuanToFen } from '@/features/staff/model/money'
import { chinaDay, chinaDayEnd, chinaInstant } from '@/features/staff/model/chinaTime'
import { readCode } from '@/features/staff/model/code'

const fen = (s: string) => {
  const r = parseYuanToFen(s)
  if (!r.ok) throw new Error(`${s}: ${r.message}`)
  return r.value
}
const refusal = (s: string, opts?: Parameters<typeof parseYuanToFen>[1]) => {
  const r = parseYuanToFen(s, opts)
  if (r.ok) throw new Error(`${s} should be refused, got ${r.value}`)
  return r.message
}

describe('yuan -> fen', () => {
  it.each([
    ['68', 6800],
    ['68.5', 6850],
    ['68.50', 6850],
    ['0.07', 7],
    ['0.29', 29], // 0.29 * 100 = 28.999999999999996 in floats
    ['1.15', 115], // 114.99999999999999
    ['19.99', 1999],
    ['4.35', 435], // 434.99999999999994
    ['999999.99', 99_999_999],
    ['1000000', 100_000_000],
    ['.5', 50],
    ['5.', 500],
    ['007.10', 710],
    [' ¥1,280 ', 128_000],
    ['￥88元', 8800],
    ['６８．５', 6850],
  ])('%s -> %i fen', (text, value) => {
    expect(fen(text)).toBe(value)
  })

  it('explains what is wrong', () => {
    expect(refusal('', { label: '团购价' })).toBe('请填写团购价')
    expect(refusal('68.555', { label: '团购价' })).toBe('团购价最多两位小数（精确到分）')
    expect(refusal('-5', { label: '原价' })).toBe('原价不能为负数')
    expect(refusal('abc')).toBe('金额请填写数字，如 68 或 68.5')
    expect(refusal('1e3')).toBe('金额请填写数字，如 68 或 68.5')
    expect(refusal('1.2.3')).toBe('金额请填写数字，如 68 或 68.5')
    expect(refusal('.')).toBe('金额请填写数字，如 68 或 68.5')
    expect(refusal('1000000.01')).toBe('金额不能超过 ¥1000000')
    expect(refusal('123456789')).toBe('金额不能超过 ¥1000000')
    expect(refusal('0')).toBe('金额必须大于 0')
    expect(parseYuanToFen('0', { allowZero: true })).toEqual({ ok: true, value: 0 })
  })

  it('every fen amount survives being shown and typed back, with or without trailing zeros', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), (n) => {
        expect(fen(formatYuan(n))).toBe(n)
        expect(fen(formatYuanFixed(n))).toBe(n)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('percent -> basis points', () => {
  it.each([
    ['5', 500],
    ['2.5', 250],
    ['12.34', 1234],
    ['30', 3000],
    ['0.01', 1],
    ['8%', 800],
    ['', 0],
  ])('%s -> %i', (text, bps) => {
    expect(parsePercentToBps(text)).toEqual({ ok: true, value: bps })
  })
  it('refuses more than 30 %, three decimals, signs', () => {
    expect(parsePercentToBps('30.01')).toEqual({ ok: false, message: '佣金比例不能超过 30%' })
    expect(parsePercentToBps('5.125')).toEqual({ ok: false, message: '佣金比例最多两位小数' })
    expect(parsePercentToBps('-1')).toEqual({ ok: false, message: '佣金比例不能为负数' })
  })
  it('round-trips', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), (b) => expect(parsePercentToBps(bpsToPercentText(b))).toEqual({ ok: true, value: b })))
  })
})

describe('counts and China time', () => {
  it('whole numbers in range', () => {
    expect(parseCount('100', { label: '库存', min: 0, max: 1_000_000 })).toEqual({ ok: true, value: 100 })
    expect(parseCount('1.5', { label: '库存', min: 0, max: 10 })).toEqual({ ok: false, message: '库存请填写整数' })
    expect(parseCount('0', { label: '每人限购', min: 1, max: 99 })).toEqual({ ok: false, message: '每人限购至少为 1' })
    expect(parseCount('100', { label: '每人限购', min: 1, max: 99 })).toEqual({ ok: false, message: '每人限购不能超过 99' })
  })
  it('days and times are China time whatever the device zone', () => {
    expect(chinaInstant('2026-11-23', '14:00')).toBe(Date.UTC(2026, 10, 23, 6, 0))
    expect(chinaDay(Date.UTC(2026, 10, 23, 16, 30))).toBe('2026-11-24') // 00:30 the next China day
    expect(chinaDayEnd('2026-12-07')).toBe(Date.UTC(2026, 11, 7, 16, 0) - 1)
    expect(chinaInstant('2026-11-23', '25:00')).toBeNaN()
  })
})

describe('codes as staff type them', () => {
  it('accepts spaces, dashes, lower case and a scanned link', () => {
    expect(readCode(' abcd efgh jkmn ')).toEqual({ ok: true, code: 'ABCDEFGHJKMN' })
    expect(readCode('ABCD-EFGH-JKMN')).toEqual({ ok: true, code: 'ABCDEFGHJKMN' })
    expect(readCode('https://x.example/#/pages/order/index?id=o1&code=abcdefghjkmn')).toEqual({ ok: true, code: 'ABCDEFGHJKMN' })
  })
  it('answers malformed input without a look-up', () => {
    expect(readCode('')).toEqual({ ok: false, message: '请输入券码' })
    expect(readCode('ABCD EFGH')).toEqual({ ok: false, message: '券码是 12 位字母和数字，现在是 8 位，请核对' })
    expect(readCode('ABCD EFGH JKM0')).toEqual({ ok: false, message: '券码里没有 0、1、O、I，请核对是否看错' })
    expect(readCode('ABCD EFGH JKM!')).toEqual({ ok: false, message: '「!」不是券码里的字符，券码只含数字 2–9 和字母 A–Z（没有 I、O），请核对' })
  })
  it('names the characters a code never has before counting its length', () => {
    // "!!@@##" is six characters, but the answer a clerk needs is which ones are wrong.
    expect(readCode('!!@@##')).toEqual({ ok: false, message: '「!」「@」「#」不是券码里的字符，券码只含数字 2–9 和字母 A–Z（没有 I、O），请核对' })
    expect(readCode('ABCD EFGH JK0!')).toEqual({ ok: false, message: '「0」「!」不是券码里的字符，券码只含数字 2–9 和字母 A–Z（没有 I、O），请核对' })
    expect(readCode('券码ABCD')).toMatchObject({ ok: false, message: expect.stringMatching(/^「券」「码」不是券码里的字符/) })
    expect(readCode('A\u200bBCD')).toMatchObject({ ok: false, message: expect.stringMatching(/^「看不见的字符」不是/) })
    expect(readCode('!@#$%^&*')).toMatchObject({ ok: false, message: expect.stringMatching(/^「!」「@」「#」「\$」「%」等不是券码里的字符/) })
    // Only well-formed characters, wrong count: the length is what is wrong.
    expect(readCode('ABCD EFGH JKMN P')).toEqual({ ok: false, message: '券码是 12 位字母和数字，现在是 13 位，请核对' })
  })
  it('a scanned link with a broken escape is read, not thrown', () => {
    expect(readCode('https://x.example/?code=%E4%B8')).toMatchObject({ ok: false, message: expect.stringContaining('不是券码里的字符') })
  })
})
