/**
 * Sizes of every attack. The default run finishes in a few minutes on 2 cores; a soak multiplies everything by
 * RELIABILITY_SCALE (e.g. 10), or sets one size by its own variable (RELIABILITY_BURST=5000 ...).
 */
const scale = Number(process.env.RELIABILITY_SCALE ?? 1)
if (!(scale > 0)) throw new Error(`RELIABILITY_SCALE must be a positive number, got ${process.env.RELIABILITY_SCALE}`)

function size(name: string, base: number, min = 1): number {
  const own = process.env[`RELIABILITY_${name}`]
  if (own !== undefined) {
    const n = Number(own)
    if (!Number.isInteger(n) || n < 0) throw new Error(`RELIABILITY_${name} must be a non-negative integer, got ${own}`)
    return n
  }
  return Math.max(min, Math.round(base * scale))
}

export const SIZES = {
  scale,
  /** Concurrent checkouts on one deal, and its stock. */
  burst: size('BURST', 1000),
  burstStock: size('BURST_STOCK', 100),
  /** Checkouts in flight at once (client and server sockets share this process's file descriptors). */
  burstInflight: size('BURST_INFLIGHT', 2000, 1),
  /** Orders whose notify is replayed 20× at once (and again later). */
  replayOrders: size('REPLAY_ORDERS', 4),
  replayCopies: size('REPLAY_COPIES', 20, 2),
  /** Refund-vs-redemption races, and orders/codes prepared for each timer race. */
  races: size('RACES', 30),
  timerOrders: size('TIMER_ORDERS', 30),
  /** Payments that complete one 成团 group, all delivered at once. */
  groupPayments: size('GROUP_PAYMENTS', 30, 2),
  /** Checkouts in each crash burst. */
  crashBuyers: size('CRASH_BUYERS', 300),
  /** Generated events per action in the fuzz. */
  fuzzRuns: size('FUZZ_RUNS', 25),
  /** Code guesses from one staff account and how many are in flight at once. */
  guesses: size('GUESSES', 10_000),
  guessConcurrency: size('GUESS_CONCURRENCY', 25, 1),
  /** fast-check seed: a failing fuzz run is replayed with the seed it printed. */
  seed: Number(process.env.RELIABILITY_SEED ?? Date.now() % 2 ** 31),
}

/** RELIABILITY_ONLY=burst,fuzz runs just those families (their rows only). */
export const ONLY = (process.env.RELIABILITY_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
