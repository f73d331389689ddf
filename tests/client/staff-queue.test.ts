import type { RedeemOutcome } from '@core/contracts/views'
import { createConfirmQueue, retryReport, sanitize, type QueuedConfirmation, type RetryOutcome } from '@/features/staff/model/confirmQueue'
import { refusalText, undoRefusalText } from '@/features/staff/model/outcome'

class Failure extends Error {
  constructor(readonly code: string, message = code) {
    super(message)
  }
}

/** Storage as Taro keeps it: a value per key, copied on the way in and out (JSON, like localStorage). */
function memoryStore(initial: unknown = undefined) {
  let raw = initial === undefined ? '' : JSON.stringify(initial)
  return {
    load: () => (raw === '' ? '' : (JSON.parse(raw) as unknown)),
    save: (items: QueuedConfirmation[]) => {
      raw = JSON.stringify(items)
    },
    get items() {
      return raw === '' ? [] : (JSON.parse(raw) as QueuedConfirmation[])
    },
  }
}

/**
 * A model of redemption.confirm's rules: a code is redeemed once; the same key from the same staff member is
 * recognised (`replay: true`); another staff member's redemption is a refusal that says who and when. The
 * network can drop the request, or drop only the answer (the redemption happened).
 */
function modelServer() {
  const codes = new Map<string, { redeemedAt: number | null; key: string | null; by: string | null }>()
  const calls: { codes: string[]; key: string }[] = []
  let redemptions = 0
  let clock = Date.UTC(2026, 10, 23, 6, 3) // 14:03 China time
  let mode: 'up' | 'down' | 'lose-answer' = 'up'
  const server = {
    calls,
    get redemptions() {
      return redemptions
    },
    set mode(m: 'up' | 'down' | 'lose-answer') {
      mode = m
    },
    issue(...cs: string[]) {
      for (const c of cs) codes.set(c, { redeemedAt: null, key: null, by: null })
    },
    redeemAs(code: string, by: string, at: number) {
      codes.set(code, { redeemedAt: at, key: 'other-key-0000', by })
    },
    confirm: async (cs: string[], key: string): Promise<{ results: RedeemOutcome[] }> => {
      calls.push({ codes: [...cs], key })
      if (mode === 'down') throw new Failure('NETWORK', '网络不太好，请检查网络后重试')
      clock += 1000
      const results: RedeemOutcome[] = cs.map((code) => {
        const c = codes.get(code)
        if (!c) return { code, ok: false, error: 'CODE_NOT_FOUND', message: '券码不存在' }
        if (c.redeemedAt === null) {
          c.redeemedAt = clock
          c.key = key
          c.by = 'me'
          redemptions++
          return { code, ok: true, redeemedAt: clock, replay: false }
        }
        if (c.key === key && c.by === 'me') return { code, ok: true, redeemedAt: c.redeemedAt, replay: true }
        return { code, ok: false, error: 'CODE_ALREADY_REDEEMED', message: '券码已核销', redeemedAt: c.redeemedAt, redeemedBy: c.by ?? '' }
      })
      if (mode === 'lose-answer') throw new Failure('NETWORK', '网络不太好，请检查网络后重试')
      return { results }
    },
  }
  return server
}

describe('待同步 queue', () => {
  it('an answered confirmation is not queued', async () => {
    const server = modelServer()
    server.issue('AAAABBBBCCCC')
    const store = memoryStore()
    const q = createConfirmQueue({ store, confirm: server.confirm })
    const out = await q.submit(['AAAABBBBCCCC'], 'key-00000001', '双人下午茶')
    expect(out).toMatchObject({ kind: 'answered', results: [{ code: 'AAAABBBBCCCC', ok: true, replay: false }] })
    expect(q.pending()).toEqual([])
    expect(server.redemptions).toBe(1)
  })

  it('NETWORK on the first attempt queues the confirmation under its key, persisted', async () => {
    const server = modelServer()
    server.issue('AAAABBBBCCCC', 'DDDDEEEEFFFF')
    server.mode = 'down'
    const store = memoryStore()
    const q = createConfirmQueue({ store, confirm: server.confirm, now: () => 1000 })
    const out = await q.submit(['AAAABBBBCCCC', 'DDDDEEEEFFFF'], 'key-00000001', '双人下午茶')
    expect(out.kind).toBe('queued')
    expect(store.items).toEqual([
      { key: 'key-00000001', codes: ['AAAABBBBCCCC', 'DDDDEEEEFFFF'], label: '双人下午茶', queuedAt: 1000, attempts: 1, lastAttemptAt: 1000, lastError: '网络不太好，请检查网络后重试' },
    ])
    // A new queue over the same storage (the page opened again, the app restarted) still has it.
    expect(createConfirmQueue({ store, confirm: server.confirm }).pending().map((i) => i.key)).toEqual(['key-00000001'])
  })

  it('other refusals are not queued (the page shows them)', async () => {
    const store = memoryStore()
    const q = createConfirmQueue({
      store,
      confirm: async () => {
        throw new Failure('RATE_LIMITED', '查询失败次数过多，请稍后再试')
      },
    })
    const out = await q.submit(['AAAABBBBCCCC'], 'key-00000001', 'x')
    expect(out).toEqual({ kind: 'refused', key: 'key-00000001', codes: ['AAAABBBBCCCC'], error: { code: 'RATE_LIMITED', message: '查询失败次数过多，请稍后再试' } })
    expect(store.items).toEqual([])
  })

  it('retries with the SAME key and codes, and removes the item once answered', async () => {
    const server = modelServer()
    server.issue('AAAABBBBCCCC')
    server.mode = 'down'
    const store = memoryStore()
    const q = createConfirmQueue({ store, confirm: server.confirm })
    await q.submit(['AAAABBBBCCCC'], 'key-00000001', '双人下午茶')

    // Still down: stays, one more attempt counted.
    let round = await q.retryAll()
    expect(round.map((o) => o.kind)).toEqual(['waiting'])
    expect(store.items[0].attempts).toBe(2)

    server.mode = 'up'
    round = await q.retryAll()
    expect(round).toMatchObject([{ kind: 'answered', results: [{ code: 'AAAABBBBCCCC', ok: true, replay: false }] }])
    expect(server.calls.map((c) => c.key)).toEqual(['key-00000001', 'key-00000001', 'key-00000001'])
    expect(server.calls.every((c) => c.codes.join() === 'AAAABBBBCCCC')).toBe(true)
    expect(store.items).toEqual([])
    expect(server.redemptions).toBe(1)
  })

  it('a confirmation that arrived but whose answer was lost is a replay on retry: success, redeemed once', async () => {
    const server = modelServer()
    server.issue('AAAABBBBCCCC')
    server.mode = 'lose-answer'
    const q = createConfirmQueue({ store: memoryStore(), confirm: server.confirm })
    const first = await q.submit(['AAAABBBBCCCC'], 'key-00000001', '双人下午茶')
    expect(first.kind).toBe('queued')
    expect(server.redemptions).toBe(1) // it did happen on the server

    server.mode = 'up'
    const [o] = await q.retryAll()
    expect(o).toMatchObject({ kind: 'answered', results: [{ code: 'AAAABBBBCCCC', ok: true, replay: true }] })
    expect(server.redemptions).toBe(1) // and never again
    expect(q.pending()).toEqual([])
    // Retrying again (another timer tick) sends nothing: the queue is empty.
    await q.retryAll()
    expect(server.calls).toHaveLength(2)
  })

  it('a conflict found on retry is answered (and told plainly), not retried forever', async () => {
    const server = modelServer()
    server.issue('AAAABBBBCCCC')
    server.mode = 'down'
    const q = createConfirmQueue({ store: memoryStore(), confirm: server.confirm })
    await q.submit(['AAAABBBBCCCC'], 'key-00000001', '双人下午茶')
    // Meanwhile a colleague on a working phone redeemed it.
    const at = Date.UTC(2026, 10, 23, 6, 3) // 14:03 China time
    server.redeemAs('AAAABBBBCCCC', '店员小周', at)
    server.mode = 'up'
    const [o] = await q.retryAll()
    if (o.kind !== 'answered') throw new Error(`expected answered, got ${o.kind}`)
    const r = o.results[0]
    if (r.ok) throw new Error('expected a refusal')
    expect(r.error).toBe('CODE_ALREADY_REDEEMED')
    expect(refusalText(r, at + 60_000)).toBe('已被 店员小周 于 14:03 核销')
    expect(q.pending()).toEqual([])
    expect(server.redemptions).toBe(0)
  })

  it('keeps items on RATE_LIMITED or INTERNAL, drops them on a refusal that cannot change (NOT_STAFF)', async () => {
    const answers: string[] = ['RATE_LIMITED', 'NOT_STAFF', 'INTERNAL']
    const store = memoryStore([
      { key: 'key-00000001', codes: ['A'], label: '', queuedAt: 1, attempts: 1, lastAttemptAt: 1, lastError: null },
      { key: 'key-00000002', codes: ['B'], label: '', queuedAt: 2, attempts: 1, lastAttemptAt: 2, lastError: null },
      { key: 'key-00000003', codes: ['C'], label: '', queuedAt: 3, attempts: 1, lastAttemptAt: 3, lastError: null },
    ])
    const q = createConfirmQueue({
      store,
      confirm: async () => {
        throw new Failure(answers.shift()!)
      },
    })
    const round = await q.retryAll()
    expect(round.map((o) => [o.item.key, o.kind])).toEqual([
      ['key-00000001', 'waiting'],
      ['key-00000002', 'dropped'],
      ['key-00000003', 'waiting'],
    ])
    expect(store.items.map((i) => i.key)).toEqual(['key-00000001', 'key-00000003'])
  })

  it('while the network is down, one failed item ends the round (no burst of doomed calls)', async () => {
    const server = modelServer()
    server.mode = 'down'
    const q = createConfirmQueue({ store: memoryStore(), confirm: server.confirm })
    await q.submit(['A'], 'key-00000001', '')
    await q.submit(['B'], 'key-00000002', '')
    await q.submit(['C'], 'key-00000003', '')
    server.calls.length = 0
    const round = await q.retryAll()
    expect(server.calls).toHaveLength(1)
    expect(round.map((o) => o.kind)).toEqual(['waiting', 'waiting', 'waiting'])
    expect(q.pending()).toHaveLength(3)
  })

  it('one round at a time: a timer tick during a retry shares it (no double send)', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const calls: string[] = []
    const store = memoryStore([{ key: 'key-00000001', codes: ['A'], label: '', queuedAt: 1, attempts: 1, lastAttemptAt: 1, lastError: null }])
    const q = createConfirmQueue({
      store,
      confirm: async (codes, key) => {
        calls.push(key)
        await gate
        return { results: codes.map((code) => ({ code, ok: true as const, redeemedAt: 5, replay: true })) }
      },
    })
    const a = q.retryAll()
    const b = q.retryAll()
    expect(q.busy()).toBe(true)
    release()
    expect(await a).toBe(await b)
    expect(calls).toEqual(['key-00000001'])
    expect(q.busy()).toBe(false)
  })

  it('a confirmation queued while a retry round waits is not lost when the round finishes', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let first = true
    const store = memoryStore([{ key: 'key-00000001', codes: ['A'], label: '', queuedAt: 1, attempts: 1, lastAttemptAt: 1, lastError: null }])
    const q = createConfirmQueue({
      store,
      confirm: async (codes) => {
        if (first) {
          first = false
          await gate
          return { results: codes.map((code) => ({ code, ok: true as const, redeemedAt: 5, replay: false })) }
        }
        throw new Failure('NETWORK')
      },
    })
    const round = q.retryAll()
    await q.submit(['B'], 'key-00000002', '')
    release()
    await round
    expect(store.items.map((i) => i.key)).toEqual(['key-00000002'])
  })

  it('storage that is empty, old or broken reads as well-formed items only', () => {
    expect(sanitize('')).toEqual([])
    expect(sanitize(null)).toEqual([])
    expect(sanitize({ key: 'x' })).toEqual([])
    expect(
      sanitize([
        { key: 'short', codes: ['A'] },
        { key: 'key-00000001', codes: [] },
        { key: 'key-00000002', codes: [7] },
        { key: 'key-00000003', codes: ['A'] },
        { key: 'key-00000003', codes: ['B'] },
      ]),
    ).toEqual([{ key: 'key-00000003', codes: ['A'], label: '', queuedAt: 0, attempts: 1, lastAttemptAt: null, lastError: null }])
  })
})

describe('refusals told plainly', () => {
  const now = Date.UTC(2026, 10, 23, 7, 0)
  it.each([
    [{ error: 'CODE_EXPIRED', message: '券码已过期' }, '券码已过期，不能核销（过期未用的券会自动退款给顾客）'],
    [{ error: 'CODE_REFUNDED', message: '券码已退款' }, '这张券已退款，不能再核销'],
    [{ error: 'CODE_GROUP_PENDING', message: '拼团中，成团后才能使用' }, '拼团中：还没成团，成团后才能使用'],
    [{ error: 'CODE_ALREADY_REDEEMED', message: '券码已核销', redeemedAt: Date.UTC(2026, 10, 22, 12, 30), redeemedBy: '店主' }, '已被 店主 于 11月22日 20:30 核销'],
    [{ error: 'SOMETHING_NEW', message: '服务开小差了，请稍后再试' }, '服务开小差了，请稍后再试'],
  ])('%o', (o, text) => {
    expect(refusalText({ code: 'AAAABBBBCCCC', ok: false, ...o }, now)).toBe(text)
  })
})

describe('the banner after a retry round', () => {
  const item = (key: string, codes: string[]): QueuedConfirmation => ({ key, codes, label: '双人下午茶', queuedAt: 1, attempts: 2, lastAttemptAt: 1, lastError: null })
  const ok = (code: string) => ({ code, ok: true as const, redeemedAt: 5, replay: true })

  it('reports what the round settled, counted per code', () => {
    expect(retryReport([{ kind: 'answered', item: item('key-00000001', ['A', 'B']), results: [ok('A'), ok('B')] }])).toBe('待同步的 2 张券已核销成功')
    const mixed: RetryOutcome[] = [
      { kind: 'answered', item: item('key-00000001', ['A']), results: [ok('A')] },
      { kind: 'answered', item: item('key-00000002', ['B']), results: [{ code: 'B', ok: false, error: 'CODE_REFUNDED', message: '券码已退款' }] },
      { kind: 'dropped', item: item('key-00000003', ['C', 'D']), error: { code: 'NOT_STAFF', message: '你不是这家店的店员' } },
    ]
    expect(retryReport(mixed)).toBe('待同步的券已提交：1 张核销成功，3 张未能核销，请查看下方原因')
  })

  it('says nothing for a round that settled nothing (an earlier banner is not renewed by it)', () => {
    expect(retryReport([])).toBeNull()
    expect(retryReport([{ kind: 'waiting', item: item('key-00000001', ['A']), error: { code: 'NETWORK', message: '网络不太好' } }])).toBeNull()
  })
})

describe('a refused undo told plainly', () => {
  const now = Date.UTC(2026, 10, 23, 7, 0) // 15:00 China time
  it('says when undo is allowed, and what is known about the code', () => {
    expect(undoRefusalText({ code: 'UNDO_NOT_ALLOWED', message: '该核销不能撤销' }, now - 60_000, now)).toBe(
      '只有仍是「已核销」、核销不到 10 分钟、推手佣金还没被提现的券可以撤销。这张券可能已被撤销过，或推手已提现这笔佣金；重新查询这张券可以看到它现在的状态',
    )
    expect(undoRefusalText({ code: 'UNDO_WINDOW_PASSED', message: '核销超过 10 分钟，不能撤销' }, Date.UTC(2026, 10, 23, 6, 48), now)).toBe('核销超过 10 分钟就不能撤销了（这张券 14:48 核销），这张券仍是已核销')
    // A lost answer is not a refusal: the undo may have happened.
    expect(undoRefusalText({ code: 'NETWORK', message: '网络不太好，请检查网络后重试' }, null, now)).toContain('没有收到撤销的结果')
    expect(undoRefusalText({ code: 'RATE_LIMITED', message: '查询失败次数过多，请 30 秒后再试' }, null, now)).toBe('查询失败次数过多，请 30 秒后再试')
  })
})
