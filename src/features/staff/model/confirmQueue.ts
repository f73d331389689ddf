import type { RedeemOutcome } from '@core/contracts/views'

/**
 * 待同步: confirmations that could not reach the server, kept in persistent storage and sent again with the SAME
 * idempotency key until the server answers. The server recognises the key: a confirmation that did arrive the
 * first time (only its answer was lost) comes back `{ ok: true, replay: true }`, never as a second redemption; a
 * code someone else redeemed in the meantime comes back as a refusal that says who and when.
 *
 * Pure: storage, the call and the clock are given, so the rules are unit-tested without Taro or a network.
 */

export interface QueuedConfirmation {
  /** The idempotency key of the first attempt, reused by every retry. */
  key: string
  codes: string[]
  /** What the staff member saw when confirming (deal title), shown while waiting. */
  label: string
  queuedAt: number
  attempts: number
  lastAttemptAt: number | null
  /** The last failure's Chinese message (network, server busy). */
  lastError: string | null
}

export interface QueueStore {
  load(): unknown
  save(items: QueuedConfirmation[]): void
}

export type ConfirmCall = (codes: string[], idempotencyKey: string) => Promise<{ results: RedeemOutcome[] }>

export interface CallFailure {
  code: string
  message: string
}

/** The first attempt of a confirmation. */
export type SubmitOutcome =
  | { kind: 'answered'; key: string; codes: string[]; results: RedeemOutcome[] }
  | { kind: 'queued'; item: QueuedConfirmation; error: CallFailure }
  | { kind: 'refused'; key: string; codes: string[]; error: CallFailure }

/** One queued confirmation after a retry round. */
export type RetryOutcome =
  | { kind: 'answered'; item: QueuedConfirmation; results: RedeemOutcome[] }
  | { kind: 'waiting'; item: QueuedConfirmation; error: CallFailure }
  | { kind: 'dropped'; item: QueuedConfirmation; error: CallFailure }

/** Worth trying again later with the same key: the network, a server hiccup, the look-up budget. */
const TRANSIENT = new Set(['NETWORK', 'INTERNAL', 'RATE_LIMITED'])

export function failureOf(e: unknown): CallFailure {
  const o = (e && typeof e === 'object' ? e : {}) as { code?: unknown; message?: unknown }
  const code = typeof o.code === 'string' && o.code !== '' ? o.code : 'INTERNAL'
  const message = typeof o.message === 'string' && o.message !== '' ? o.message : '服务开小差了，请稍后再试'
  return { code, message }
}

const KEY_RE = /^[A-Za-z0-9_-]{8,64}$/

/** Whatever storage holds, as well-formed items only (storage may be empty, old or edited by hand). */
export function sanitize(raw: unknown): QueuedConfirmation[] {
  if (!Array.isArray(raw)) return []
  const out: QueuedConfirmation[] = []
  const seen = new Set<string>()
  for (const x of raw) {
    if (!x || typeof x !== 'object') continue
    const o = x as Record<string, unknown>
    if (typeof o.key !== 'string' || !KEY_RE.test(o.key) || seen.has(o.key)) continue
    if (!Array.isArray(o.codes) || o.codes.length === 0 || !o.codes.every((c) => typeof c === 'string' && c.length > 0 && c.length <= 32)) continue
    seen.add(o.key)
    out.push({
      key: o.key,
      codes: o.codes as string[],
      label: typeof o.label === 'string' ? o.label : '',
      queuedAt: typeof o.queuedAt === 'number' ? o.queuedAt : 0,
      attempts: typeof o.attempts === 'number' ? o.attempts : 1,
      lastAttemptAt: typeof o.lastAttemptAt === 'number' ? o.lastAttemptAt : null,
      lastError: typeof o.lastError === 'string' ? o.lastError : null,
    })
  }
  return out
}

export interface ConfirmQueue {
  /** What is waiting, oldest first. */
  pending(): QueuedConfirmation[]
  /** First attempt; on NETWORK the confirmation is queued under its key. */
  submit(codes: string[], key: string, label: string): Promise<SubmitOutcome>
  /** Sends every queued confirmation again with its own key; one round at a time (later calls share it). */
  retryAll(): Promise<RetryOutcome[]>
  /** True while a retry round runs. */
  busy(): boolean
}

export function createConfirmQueue(deps: { store: QueueStore; confirm: ConfirmCall; now?: () => number }): ConfirmQueue {
  const now = deps.now ?? Date.now
  let round: Promise<RetryOutcome[]> | null = null

  // Every change re-reads storage and writes at once (no await in between): a submit that queues while a retry
  // round is waiting for the server is never overwritten by the round's own bookkeeping.
  const read = () => sanitize(deps.store.load())
  const mutate = (f: (items: QueuedConfirmation[]) => QueuedConfirmation[]) => deps.store.save(f(read()))

  async function submit(codes: string[], key: string, label: string): Promise<SubmitOutcome> {
    try {
      const { results } = await deps.confirm(codes, key)
      return { kind: 'answered', key, codes, results }
    } catch (e) {
      const error = failureOf(e)
      if (error.code !== 'NETWORK') return { kind: 'refused', key, codes, error }
      const at = now()
      const item: QueuedConfirmation = { key, codes: [...codes], label, queuedAt: at, attempts: 1, lastAttemptAt: at, lastError: error.message }
      mutate((items) => [...items.filter((i) => i.key !== key), item])
      return { kind: 'queued', item, error }
    }
  }

  async function runRound(): Promise<RetryOutcome[]> {
    const out: RetryOutcome[] = []
    for (const item of read()) {
      const at = now()
      try {
        const { results } = await deps.confirm(item.codes, item.key)
        mutate((items) => items.filter((i) => i.key !== item.key))
        out.push({ kind: 'answered', item, results })
      } catch (e) {
        const error = failureOf(e)
        if (TRANSIENT.has(error.code)) {
          const next = { ...item, attempts: item.attempts + 1, lastAttemptAt: at, lastError: error.message }
          mutate((items) => items.map((i) => (i.key === item.key ? next : i)))
          out.push({ kind: 'waiting', item: next, error })
          // The network is still down: the next items would fail the same way; try them next round.
          if (error.code === 'NETWORK') {
            for (const rest of read().filter((i) => i.key !== item.key && !out.some((o) => o.item.key === i.key))) {
              out.push({ kind: 'waiting', item: rest, error })
            }
            break
          }
        } else {
          // Refused for good (no longer staff, signed out): keeping it would retry forever.
          mutate((items) => items.filter((i) => i.key !== item.key))
          out.push({ kind: 'dropped', item, error })
        }
      }
    }
    return out
  }

  return {
    pending: read,
    submit,
    retryAll() {
      if (!round) {
        round = runRound().finally(() => {
          round = null
        })
      }
      return round
    },
    busy: () => round !== null,
  }
}

/**
 * What a retry round settled, in one sentence for the counter's banner; null when it settled nothing. The banner is
 * news about that round only: the counter drops it at the clerk's next look-up, confirmation or undo.
 */
export function retryReport(outcomes: RetryOutcome[]): string | null {
  let redeemed = 0
  let refused = 0
  for (const o of outcomes) {
    if (o.kind === 'answered') {
      redeemed += o.results.filter((r) => r.ok).length
      refused += o.results.filter((r) => !r.ok).length
    } else if (o.kind === 'dropped') refused += o.item.codes.length
  }
  if (redeemed + refused === 0) return null
  return refused > 0 ? `待同步的券已提交：${redeemed} 张核销成功，${refused} 张未能核销，请查看下方原因` : `待同步的 ${redeemed} 张券已核销成功`
}
