/**
 * Redemption codes: 12 characters from a 32-letter alphabet without 0/O/1/I look-alikes, so a code read aloud
 * or typed at the counter is unambiguous. 32 = 2^5, so each random byte maps without bias (256 % 32 === 0).
 * 12 × 5 = 60 bits of entropy.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const CODE_LENGTH = 12
export const CODE_ENTROPY_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length)

export type RandomBytes = (n: number) => Uint8Array

export function generateRedemptionCode(randomBytes: RandomBytes): string {
  const bytes = randomBytes(CODE_LENGTH)
  let out = ''
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[bytes[i] & 31]
  return out
}

/** What staff type is forgiving: spaces, dashes and lower case are accepted. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

export function isWellFormedCode(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return false
  return true
}

/** "ABCD EFGH JKLM": groups of four are easier to read out at the counter. */
export function formatCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}
