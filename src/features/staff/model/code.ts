import { CODE_ALPHABET, CODE_LENGTH, isWellFormedCode, normalizeCode } from '@core/codes/redemption-code'

export type CodeRead = { ok: true; code: string } | { ok: false; message: string }

/**
 * What staff typed or scanned, as a code: spaces, dashes and lower case are fine ("abcd efgh jkmn"); a scanned link
 * that carries `code=` gives its code. Malformed input is answered here, without a look-up (a failed look-up
 * spends the staff member's budget).
 */
export function readCode(raw: string): CodeRead {
  const trimmed = raw.trim()
  if (trimmed === '') return { ok: false, message: '请输入券码' }
  const fromLink = /[?&]code=([^&#\s]+)/.exec(trimmed)
  const code = normalizeCode(fromLink ? decoded(fromLink[1]) : trimmed)
  if (isWellFormedCode(code)) return { ok: true, code }
  // Characters first: "!!@@##" is not "6 of 12", it is three characters no code has.
  const bad = Array.from(new Set(Array.from(code).filter((ch) => !CODE_ALPHABET.includes(ch))))
  if (bad.length > 0) {
    if (bad.every((ch) => LOOKALIKES.includes(ch))) return { ok: false, message: '券码里没有 0、1、O、I，请核对是否看错' }
    const named = bad.slice(0, MAX_NAMED).map((ch) => `「${/^[\p{C}\p{Z}]$/u.test(ch) ? '看不见的字符' : ch}」`).join('')
    return { ok: false, message: `${named}${bad.length > MAX_NAMED ? '等' : ''}不是券码里的字符，券码只含数字 2–9 和字母 A–Z（没有 I、O），请核对` }
  }
  return { ok: false, message: `券码是 ${CODE_LENGTH} 位字母和数字，现在是 ${code.length} 位，请核对` }
}

const LOOKALIKES = '01OI'
/** A pasted sentence would otherwise name every character it holds. */
const MAX_NAMED = 5

/** A scanned link with a broken escape ("code=%E4%B8") is read as typed, not thrown. */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
