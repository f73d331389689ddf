import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { CODE_ALPHABET, CODE_ENTROPY_BITS, formatCode, generateRedemptionCode, isWellFormedCode, normalizeCode } from './redemption-code'

describe('redemption codes', () => {
  it('uses 32 unambiguous characters and carries 60 bits', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(32)
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/)
    expect(CODE_ENTROPY_BITS).toBe(60)
  })

  it('generates well-formed codes from any random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (bytes) => {
        const code = generateRedemptionCode(() => bytes)
        expect(isWellFormedCode(code)).toBe(true)
      }),
    )
  })

  it('does not repeat in 100k draws from a cryptographic source', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 100_000; i++) seen.add(generateRedemptionCode((n) => randomBytes(n)))
    expect(seen.size).toBe(100_000)
  })

  it('accepts what staff type and prints in groups of four', () => {
    const code = generateRedemptionCode((n) => randomBytes(n))
    expect(normalizeCode(formatCode(code).toLowerCase())).toBe(code)
    expect(formatCode('ABCDEFGHJKLM')).toBe('ABCD EFGH JKLM')
    expect(isWellFormedCode('ABCD')).toBe(false)
    expect(isWellFormedCode('ABCDEFGHJKL0')).toBe(false)
  })
})
