import { formatYuanFixed } from '@core/money/format-yuan'

/** Smallest withdrawal when the centre has not said (the promoters function refuses less with WITHDRAW_BELOW_MINIMUM). */
export const MIN_WITHDRAW_FEN = 100

const FULL_WIDTH = /[０-９．。]/g

/**
 * What a person types as yuan ("12", "12.5", "0.08", "¥12.50", full-width "１２．５") as integer fen, by string
 * parsing only (never `parseFloat(x) * 100`, which turns 0.29 into 28.999…). Null for anything else: negative,
 * more than two decimals, exponents, empty, absurdly large.
 */
export function parseYuanToFen(text: string): number | null {
  const s = text
    .replace(FULL_WIDTH, (c) => (c === '．' || c === '。' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
  const m = /^(\d{0,9})(?:\.(\d{0,2}))?$/.exec(s)
  if (!m || !/\d/.test(s)) return null
  const yuan = m[1] === '' ? 0 : Number(m[1])
  const cents = Number((m[2] ?? '').padEnd(2, '0'))
  return yuan * 100 + cents
}

/** Fen for the ledger: always two decimals, a minus sign before ¥ when negative ("-¥3.50"). */
export function ledgerYuan(fen: number): string {
  return fen < 0 ? `-¥${formatYuanFixed(-fen)}` : `¥${formatYuanFixed(fen)}`
}

/** Fen as yuan for an input field ("12.5" -> "12.50"; negative -> "0.00"). */
export function yuanInputValue(fen: number): string {
  return formatYuanFixed(Math.max(0, fen))
}

export type AmountCheck = { ok: true; fen: number } | { ok: false; message: string }

/** "1 元", "0.5 元", "10 元": the minimum as people say it. */
export function minYuanText(minFen: number): string {
  return `${formatYuanFixed(minFen).replace(/\.?0+$/, '')} 元`
}

/** The withdraw form's own checks, before asking the function (which checks again). `minFen` from the centre. */
export function checkWithdrawAmount(text: string, availableFen: number, minFen: number = MIN_WITHDRAW_FEN): AmountCheck {
  const fen = parseYuanToFen(text)
  if (fen === null) return { ok: false, message: '请输入正确的金额，最多两位小数' }
  if (fen < minFen) return { ok: false, message: `提现金额不能少于 ${minYuanText(minFen)}` }
  if (fen > availableFen) return { ok: false, message: '可提现余额不足' }
  return { ok: true, fen }
}
