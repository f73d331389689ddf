import { formatYuan } from '@core/money/format-yuan'

/** A value read from a form field: the value, or the sentence to show under the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

/** Full-width digits and dot (Chinese input methods) as ASCII; spaces and thousands separators dropped. */
function plainNumberText(input: string): string {
  return input
    .replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[，,\s]/g, '')
}

/**
 * "68", "68.5", "68.50", "¥1,280", "６８．５" -> integer fen, read digit by digit from the text: no float arithmetic,
 * so "0.07", "19.99" and "1234567.89" become exactly 7, 1999 and 123456789 fen. More than two decimals, signs,
 * letters and values above `maxFen` are refused with a sentence the owner understands.
 */
export function parseYuanToFen(input: string, opts: { label?: string; maxFen?: number; allowZero?: boolean } = {}): Parsed<number> {
  const label = opts.label ?? '金额'
  const maxFen = opts.maxFen ?? 100_000_000
  const s = plainNumberText(input).replace(/^[¥￥]/, '').replace(/元$/, '')
  if (s === '') return { ok: false, message: `请填写${label}` }
  if (s.startsWith('-')) return { ok: false, message: `${label}不能为负数` }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false, message: `${label}请填写数字，如 68 或 68.5` }
  const decimals = m[2] ?? ''
  if (decimals.length > 2) return { ok: false, message: `${label}最多两位小数（精确到分）` }
  const whole = m[1].replace(/^0+(?=\d)/, '')
  const maxYuanDigits = String(Math.floor(maxFen / 100)).length
  if (whole.length > maxYuanDigits) return { ok: false, message: `${label}不能超过 ¥${formatYuan(maxFen)}` }
  const fen = Number(whole || '0') * 100 + Number(decimals.padEnd(2, '0'))
  if (fen > maxFen) return { ok: false, message: `${label}不能超过 ¥${formatYuan(maxFen)}` }
  if (fen === 0 && !opts.allowZero) return { ok: false, message: `${label}必须大于 0` }
  return { ok: true, value: fen }
}

/** Fen as the owner would type it back: 6800 -> "68", 1990 -> "19.9", 5 -> "0.05". */
export function fenToYuanText(fen: number): string {
  return formatYuan(fen)
}

/** "5" -> 500, "2.5" -> 250, "12.34%" -> 1234 basis points; at most 30 % (3000), two decimals. */
export function parsePercentToBps(input: string, opts: { maxBps?: number; label?: string } = {}): Parsed<number> {
  const label = opts.label ?? '佣金比例'
  const maxBps = opts.maxBps ?? 3000
  const s = plainNumberText(input).replace(/[%％]$/, '')
  if (s === '') return { ok: true, value: 0 }
  if (s.startsWith('-')) return { ok: false, message: `${label}不能为负数` }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false, message: `${label}请填写数字，如 5 或 2.5` }
  const decimals = m[2] ?? ''
  if (decimals.length > 2) return { ok: false, message: `${label}最多两位小数` }
  const whole = m[1].replace(/^0+(?=\d)/, '')
  if (whole.length > 3) return { ok: false, message: `${label}不能超过 ${bpsToPercentText(maxBps)}%` }
  const bps = Number(whole || '0') * 100 + Number(decimals.padEnd(2, '0'))
  if (bps > maxBps) return { ok: false, message: `${label}不能超过 ${bpsToPercentText(maxBps)}%` }
  return { ok: true, value: bps }
}

/** 500 -> "5", 250 -> "2.5", 1234 -> "12.34". */
export function bpsToPercentText(bps: number): string {
  return formatYuan(bps)
}

/**
 * A whole number within [min, max] ("份", "人"): "100" -> 100. Each way it can be wrong has its own sentence:
 * "-5" is below the minimum (not "not a whole number"), "1.5" is not whole, "abc" is not a number.
 */
export function parseCount(input: string, opts: { label: string; min: number; max: number }): Parsed<number> {
  const s = plainNumberText(input)
  const below = { ok: false as const, message: opts.min === 0 ? `${opts.label}不能小于 0` : `${opts.label}至少为 ${opts.min}` }
  if (s === '') return { ok: false, message: `请填写${opts.label}` }
  if (/^[-−－]\d*(\.\d*)?$/.test(s)) return below
  if (/^\d*\.\d*$/.test(s) && s !== '.') return { ok: false, message: `${opts.label}请填写整数` }
  if (!/^\d+$/.test(s)) return { ok: false, message: `${opts.label}请填写数字，如 ${Math.max(opts.min, 1)}` }
  const digits = s.replace(/^0+(?=\d)/, '')
  const n = Number(digits)
  if (digits.length > 9 || n > opts.max) return { ok: false, message: `${opts.label}不能超过 ${opts.max}` }
  if (n < opts.min) return below
  return { ok: true, value: n }
}
