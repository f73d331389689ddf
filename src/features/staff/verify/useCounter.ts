import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { formatCode } from '@core/codes/redemption-code'
import type { CodePreview, RedeemOutcome } from '@core/contracts/views'
import { toApiError } from '@/shared/api'
import { confirmCodes, previewCode, undoRedemption } from '../api/redemption'
import { readCode } from '../model/code'
import { createConfirmQueue, retryReport, type ConfirmQueue, type QueuedConfirmation, type RetryOutcome } from '../model/confirmQueue'
import { newIdempotencyKey } from '../model/idempotency'
import { refusalText, undoRefusalText } from '../model/outcome'
import { nextRateLimit, rateLimitText, type RateLimit } from '../model/rateLimit'

export const UNDO_WINDOW_MS = 10 * 60 * 1000
export const RETRY_EVERY_MS = 10_000

/** One code's answer, as the counter lists it. */
export interface ResultEntry {
  id: string
  batch: string
  code: string
  label: string
  kind: 'redeemed' | 'refused' | 'undone'
  /** Redeemed: when (server time); refused/undone: when the answer came. */
  at: number
  text: string
  replay: boolean
  /** Answered by a retry of 待同步, not at the moment of confirming. */
  synced: boolean
}

export type Lookup =
  | { kind: 'idle' }
  | { kind: 'loading'; code: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'ready'; preview: CodePreview; selected: string[]; key: string; confirming: boolean; error: string | null }

/**
 * The counter's current answer, shown large: the newest confirmation, the newest undo, or null once the clerk asks
 * something new (a look-up replaces it; what it reported stays below as history).
 */
export type LastAction =
  | { kind: 'answered'; batch: string }
  | { kind: 'queued'; item: QueuedConfirmation }
  | { kind: 'undone'; code: string; label: string; at: number }
  | { kind: 'undo-failed'; code: string; label: string; message: string }
  | null

const QUEUE_KEY_PREFIX = 'tuanka.staff.queue.'

/** 待同步 in Taro storage, one list per staff account (a shared phone never sends someone else's confirmations). */
export function queueStorageKey(openid: string): string {
  return `${QUEUE_KEY_PREFIX}${openid}`
}

export function makeQueue(openid: string): ConfirmQueue {
  const key = queueStorageKey(openid)
  return createConfirmQueue({
    store: {
      load: () => {
        try {
          return Taro.getStorageSync(key) as unknown
        } catch {
          return []
        }
      },
      save: (items) => Taro.setStorageSync(key, items),
    },
    confirm: confirmCodes,
  })
}

function entriesOf(batch: string, label: string, results: RedeemOutcome[], now: number, synced: boolean): ResultEntry[] {
  return results.map((r) =>
    r.ok
      ? { id: `${batch}:${r.code}`, batch, code: r.code, label, kind: 'redeemed', at: r.redeemedAt, text: r.replay ? '核销成功（重试时确认）' : '核销成功', replay: r.replay, synced }
      : { id: `${batch}:${r.code}`, batch, code: r.code, label, kind: 'refused', at: now, text: refusalText(r, now), replay: false, synced },
  )
}

/**
 * The counter's state: look-up, confirmation (straight away, or 待同步 when the network is down), undo, the
 * rate-limit wait, and the list of recent answers.
 */
export function useCounter(openid: string) {
  const queue = useMemo(() => makeQueue(openid), [openid])
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' })
  const [results, setResults] = useState<ResultEntry[]>([])
  const [last, setLast] = useState<LastAction>(null)
  const [pending, setPending] = useState<QueuedConfirmation[]>(() => queue.pending())
  const [syncing, setSyncing] = useState(false)
  const [syncNotice, setSyncNotice] = useState<string | null>(null)
  const [limit, setLimit] = useState<RateLimit | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [undoing, setUndoing] = useState<string | null>(null)
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  const limited = limit !== null && limit.until > now
  const limitedText = limited ? rateLimitText(limit, now) : null

  const noteRateLimited = useCallback(() => {
    const t = Date.now()
    setLimit((prev) => nextRateLimit(t, prev))
    setNow(t)
  }, [])

  const lookUp = useCallback(
    async (raw: string) => {
      // A new question: the last answer (and news of the last sync) must not stand beside, or pass for, its answer.
      setLast(null)
      setSyncNotice(null)
      const read = readCode(raw)
      if (!read.ok) {
        setLookup({ kind: 'invalid', message: read.message })
        return false
      }
      // Waiting out the rate limit: the banner counts down; asking now would only be refused again.
      if (limit && limit.until > Date.now()) {
        setNow(Date.now())
        return false
      }
      setLookup({ kind: 'loading', code: read.code })
      try {
        const preview = await previewCode(read.code)
        if (!alive.current) return true
        const selected = preview.state === 'unused' ? [preview.code] : []
        setLookup({ kind: 'ready', preview, selected, key: newIdempotencyKey(), confirming: false, error: null })
        return true
      } catch (e) {
        const err = toApiError(e)
        if (!alive.current) return false
        if (err.code === 'RATE_LIMITED') {
          noteRateLimited()
          setLookup({ kind: 'idle' })
        } else {
          setLookup({ kind: 'error', code: read.code, message: err.code === 'CODE_NOT_FOUND' ? '没有找到这张券，请核对券码（其他店铺的券也查不到）' : err.message })
        }
        return false
      }
    },
    [limit, noteRateLimited],
  )

  const toggle = useCallback((code: string) => {
    setLookup((l) => {
      if (l.kind !== 'ready') return l
      const selected = l.selected.includes(code) ? l.selected.filter((c) => c !== code) : [...l.selected, code]
      // Another set of codes is another confirmation: a fresh key.
      return { ...l, selected, key: newIdempotencyKey(), error: null }
    })
  }, [])

  const selectAll = useCallback(() => {
    setLookup((l) => {
      if (l.kind !== 'ready') return l
      const all = l.preview.orderCodes.filter((c) => c.state === 'unused').map((c) => c.code)
      const selected = all.every((c) => l.selected.includes(c)) ? [] : all
      return { ...l, selected, key: newIdempotencyKey(), error: null }
    })
  }, [])

  const confirm = useCallback(async () => {
    if (lookup.kind !== 'ready' || lookup.confirming || lookup.selected.length === 0) return
    if (limit && limit.until > Date.now()) return
    const { key, selected, preview } = lookup
    // Codes in the order the order lists them.
    const codes = preview.orderCodes.map((c) => c.code).filter((c) => selected.includes(c))
    setSyncNotice(null)
    setLookup({ ...lookup, confirming: true, error: null })
    const outcome = await queue.submit(codes, key, preview.dealTitle)
    if (!alive.current) return
    const t = Date.now()
    setNow(t)
    if (outcome.kind === 'answered') {
      const entries = entriesOf(key, preview.dealTitle, outcome.results, t, false)
      setResults((rs) => [...entries, ...rs.filter((r) => r.batch !== key)].slice(0, 60))
      setLast({ kind: 'answered', batch: key })
      setLookup({ kind: 'idle' })
      if (outcome.results.some((r) => !r.ok && r.error === 'RATE_LIMITED')) noteRateLimited()
    } else if (outcome.kind === 'queued') {
      setPending(queue.pending())
      setLast({ kind: 'queued', item: outcome.item })
      setLookup({ kind: 'idle' })
    } else {
      if (outcome.error.code === 'RATE_LIMITED') {
        noteRateLimited()
        setLookup({ ...lookup, confirming: false, error: null })
      } else {
        // The same key stays: pressing again is the same confirmation, never a second one.
        setLookup({ ...lookup, confirming: false, error: outcome.error.message })
      }
    }
  }, [lookup, limit, queue, noteRateLimited])

  const applyRetry = useCallback(
    (outcomes: RetryOutcome[]) => {
      const t = Date.now()
      const answered = outcomes.filter((o): o is Extract<RetryOutcome, { kind: 'answered' | 'dropped' }> => o.kind !== 'waiting')
      if (answered.length === 0) return
      const fresh: ResultEntry[] = []
      for (const o of answered) {
        if (o.kind === 'answered') {
          fresh.push(...entriesOf(o.item.key, o.item.label, o.results, t, true))
        } else {
          fresh.push(
            ...o.item.codes.map((code) => ({ id: `${o.item.key}:${code}`, batch: o.item.key, code, label: o.item.label, kind: 'refused' as const, at: t, text: `未能提交：${o.error.message}`, replay: false, synced: true })),
          )
        }
      }
      const keys = new Set(answered.map((o) => o.item.key))
      setResults((rs) => [...fresh, ...rs.filter((r) => !keys.has(r.batch))].slice(0, 60))
      setLast((l) => (l?.kind === 'queued' && keys.has(l.item.key) ? { kind: 'answered', batch: l.item.key } : l))
      setSyncNotice(retryReport(outcomes))
      if (outcomes.some((o) => o.kind === 'answered' && o.results.some((r) => !r.ok && r.error === 'RATE_LIMITED'))) noteRateLimited()
    },
    [noteRateLimited],
  )

  const retry = useCallback(async () => {
    if (queue.pending().length === 0) {
      setPending([])
      return
    }
    setSyncing(true)
    try {
      const outcomes = await queue.retryAll()
      if (!alive.current) return
      applyRetry(outcomes)
    } finally {
      if (alive.current) {
        setSyncing(false)
        setPending(queue.pending())
        setNow(Date.now())
      }
    }
  }, [queue, applyRetry])

  const undo = useCallback(
    async (entry: ResultEntry) => {
      // Undo gives a used voucher back to the customer: asked first, naming the code and the deal.
      const asked = await Taro.showModal({
        title: '撤销核销？',
        content: `${entry.label ? `「${entry.label}」` : ''}券码 ${formatCode(entry.code)} 将恢复为待使用，顾客可以再次使用或退款。`,
        confirmText: '撤销核销',
        cancelText: '不撤销',
      })
      if (!asked.confirm || !alive.current) return
      setUndoing(entry.id)
      setSyncNotice(null)
      try {
        await undoRedemption(entry.code)
        if (!alive.current) return
        const t = Date.now()
        setNow(t)
        setResults((rs) => rs.map((r) => (r.code === entry.code && r.kind === 'redeemed' ? { ...r, kind: 'undone', at: t, text: '已撤销，券码恢复为待使用' } : r)))
        setLast({ kind: 'undone', code: entry.code, label: entry.label, at: t })
        // A card still showing this code (or its order) as 已核销 is out of date.
        setLookup((l) => (l.kind === 'ready' && l.preview.orderCodes.some((c) => c.code === entry.code) ? { kind: 'idle' } : settled(l)))
      } catch (e) {
        const err = toApiError(e)
        if (!alive.current) return
        if (err.code === 'RATE_LIMITED') noteRateLimited()
        const t = Date.now()
        setNow(t)
        setLast({ kind: 'undo-failed', code: entry.code, label: entry.label, message: undoRefusalText(err, entry.kind === 'redeemed' ? entry.at : null, t) })
        setLookup(settled)
      } finally {
        if (alive.current) setUndoing(null)
      }
    },
    [noteRateLimited],
  )

  // Retry 待同步 on mount, then every 10 s; the page also retries on show and on 重试.
  useEffect(() => {
    void retry()
    const timer = setInterval(() => {
      setNow(Date.now())
      void retry()
    }, RETRY_EVERY_MS)
    return () => clearInterval(timer)
  }, [retry])

  // A second-by-second countdown only while rate limited.
  useEffect(() => {
    if (!limit) return
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= limit.until) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [limit])

  const clear = useCallback(() => setLookup({ kind: 'idle' }), [])

  return { lookup, lookUp, toggle, selectAll, confirm, clear, results, last, pending, syncing, syncNotice, dismissSyncNotice: () => setSyncNotice(null), retry, undo, undoing, now, limited, limitedText }
}

export type Counter = ReturnType<typeof useCounter>

/**
 * The look-up once another answer (an undo) has come: the message of an earlier bad or unknown code is an answer to
 * an earlier question and goes; an open card is a decision still to make and stays.
 */
function settled(l: Lookup): Lookup {
  return l.kind === 'error' || l.kind === 'invalid' ? { kind: 'idle' } : l
}

export function canUndo(e: ResultEntry, now: number): boolean {
  return e.kind === 'redeemed' && now - e.at < UNDO_WINDOW_MS
}
