import { randomBytes } from 'node:crypto'
import { CODE_ALPHABET, CODE_ENTROPY_BITS, CODE_LENGTH } from '@core/codes/redemption-code'
import { LOOKUP_LIMITS } from '../../cloudfunctions/redemption/rate-limit'
import { key, pool } from './support/api'
import { SIZES } from './support/config'
import { all, count, newStaff, SHOP_A } from './support/fixtures'
import { sample } from './support/report'
import type { Suite } from './support/suite'

const guess = () => Array.from(randomBytes(CODE_LENGTH), (b) => CODE_ALPHABET[b & 31]).join('')

/**
 * Code guessing: one staff account fires well-formed random codes at every counter endpoint that looks a code
 * up — preview and undo one at a time, confirm in batches of 20 — many requests in flight at once. Nothing is
 * found, and the account is throttled after 10 failed look-ups a minute (100 an hour), however they are sent.
 */
const VECTORS = ['preview', 'undo', 'preview', 'confirm'] as const
export async function guessing(s: Suite): Promise<void> {
  const perMinute = LOOKUP_LIMITS.find((l) => l.window === 'm')!.max
  const perHour = LOOKUP_LIMITS.find((l) => l.window === 'h')!.max
  const guesser = await newStaff(s.api, 'o_rel_guesser', '猜码人')
  const liveCodes = (await all('codes', { shopId: SHOP_A })).length
  const total = SIZES.guesses
  const requests: { action: (typeof VECTORS)[number]; codes: string[] }[] = []
  for (let sent = 0, i = 0; sent < total; i++) {
    const action = VECTORS[i % VECTORS.length]
    const n = action === 'confirm' ? Math.min(20, total - sent) : 1
    requests.push({ action, codes: Array.from({ length: n }, guess) })
    sent += n
  }
  const startedAt = Date.now()
  const outcomes = await pool(requests, SIZES.guessConcurrency, async ({ action, codes }) => {
    const r = await s.api.call(
      'redemption',
      action === 'confirm' ? { action, input: { codes, idempotencyKey: key() } } : { action, input: { code: codes[0] } },
      guesser,
    )
    if (r.body?.ok === false) return codes.map(() => r.body.code as string)
    if (r.body?.data?.results) return (r.body.data.results as { ok: boolean; error?: string }[]).map((x) => (x.ok ? 'HIT' : x.error!))
    return codes.map(() => (r.body?.ok ? 'HIT' : `HTTP ${r.status}`))
  })
  const endedAt = Date.now()
  const flat = outcomes.flat()
  const tally = flat.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {})
  const hits = tally.HIT ?? 0
  const lookedUp = tally.CODE_NOT_FOUND ?? 0
  const minutes = Math.floor(endedAt / 60_000) - Math.floor(startedAt / 60_000) + 1
  const allowed = Math.min(perMinute * minutes, perHour)
  const redeemed = await count('codes', { redeemedBy: guesser })

  console.log(`  code entropy: ${CODE_ENTROPY_BITS} bits (${CODE_LENGTH} of ${CODE_ALPHABET.length} letters); ${liveCodes} live codes of shop A → P(one guess hits) ≈ ${(liveCodes / 2 ** CODE_ENTROPY_BITS).toExponential(1)}`)
  s.report.row(
    `guessing: ${total} random well-formed codes from one staff account → 0 hits (codes carry ${CODE_ENTROPY_BITS} bits)`,
    `${total} guesses (preview, undo, confirm×20), ${SIZES.guessConcurrency} requests in flight`,
    hits === 0 && redeemed === 0,
    `${hits} hits, ${redeemed} redeemed`,
  )
  s.report.row(
    `guessing: throttled — at most ${perMinute} failed look-ups a minute (${perHour} an hour), the rest RATE_LIMITED`,
    `${total} guesses over ${minutes} minute window(s)`,
    lookedUp <= allowed && lookedUp > 0 && (tally.RATE_LIMITED ?? 0) === total - lookedUp - hits,
    `looked up ${lookedUp} (allowed ${allowed}); outcomes ${JSON.stringify(tally)}; ${sample(Object.keys(tally))}`,
  )
}
