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
  const code = normalizeCode(fromLink ? decodeURIComponent(fromLink[1]) : trimmed)
  if (isWellFormedCode(code)) return { ok: true, code }
  if (code.length !== CODE_LENGTH) return { ok: false, message: `券码是 ${CODE_LENGTH} 位字母和数字，现在是 ${code.length} 位，请核对` }
  const bad = Array.from(new Set(Array.from(code).filter((ch) => !CODE_ALPHABET.includes(ch))))
  const lookalikes = bad.filter((ch) => '01OI'.includes(ch))
  if (lookalikes.length > 0 && lookalikes.length === bad.length) return { ok: false, message: '券码里没有 0、1、O、I，请核对是否看错' }
  return { ok: false, message: `券码里不会出现「${bad.join('')}」，请核对` }
}
