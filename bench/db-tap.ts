import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseMultipart } from '../local/platform/multipart'
import { pointSdkAt } from '../local/sdk-env'

/**
 * A pass-through HTTP proxy between the functions' SDK and the local database server that writes down every
 * round trip (action and collection), so a count of trips can say where they come from. The SDK is pointed at
 * it through the same seam the local stack uses (TCB_CONTEXT_CNFG, read on every request).
 */
export interface DbTap {
  url: string
  /** Trips since the last reset, e.g. `insert audit_events`, `update(tx) deals`. */
  trips(): string[]
  /** The same trips with how long each took, request sent to reply received, in ms. */
  timed(): { trip: string; ms: number }[]
  reset(): void
  close(): Promise<void>
}

const SHORT: Record<string, string> = {
  'database.getDocument': 'get',
  'database.calculateDocument': 'count',
  'database.insertDocument': 'insert',
  'database.modifyDocument': 'update',
  'database.removeDocument': 'remove',
  'database.modifyAndReturnDoc': 'updateAndReturn',
  'database.aggregateDocuments': 'aggregate',
  'database.startTransaction': 'tx start',
  'database.commitTransaction': 'tx commit',
  'database.abortTransaction': 'tx abort',
  'database.addCollection': 'addCollection',
}

/**
 * With `serialize`, trips are forwarded one at a time (the next once the previous reply is back), so each one's time
 * is its own cost rather than time spent queued behind the trips a function sends in parallel. Only for calls that
 * read: a transaction's next step queued behind a write waiting on that transaction's lock would stall.
 */
export async function tapDatabase(dbUrl: string, opts: { serialize?: boolean } = {}): Promise<DbTap> {
  const target = new URL(dbUrl)
  const agent = new http.Agent({ keepAlive: true })
  let log: { trip: string; ms: number }[] = []
  let queue: Promise<void> = Promise.resolve()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      let trip = '(unreadable)'
      try {
        const p = JSON.parse(body.toString('utf8')) as { action?: string; collectionName?: string; transactionId?: string }
        const action = SHORT[p.action ?? ''] ?? p.action ?? '?'
        const tx = p.transactionId && !action.startsWith('tx') ? '(tx)' : ''
        trip = `${action}${tx}${p.collectionName ? ` ${p.collectionName}` : ''}`
      } catch {
        trip = platformCall(body, req.headers['content-type'] ?? '') ?? '(unreadable)'
      }
      const entry = { trip, ms: NaN }
      if (req.method === 'POST') log.push(entry)
      const forward = () =>
        new Promise<void>((done) => {
          const t0 = performance.now()
          res.on('close', () => {
            entry.ms = performance.now() - t0
            done()
          })
          const up = http.request(
            { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host }, agent },
            (upRes) => {
              res.writeHead(upRes.statusCode ?? 502, upRes.headers)
              upRes.pipe(res)
            },
          )
          up.on('error', () => {
            res.writeHead(502)
            res.end()
          })
          up.end(body)
        })
      if (opts.serialize) queue = queue.then(forward)
      else void forward()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`
  pointSdkAt(url)
  return {
    url,
    trips: () => log.map((e) => e.trip),
    timed: () => log.map((e) => ({ ...e })),
    reset: () => {
      log = []
    },
    close: async () => {
      pointSdkAt(dbUrl)
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      agent.destroy()
    },
  }
}

/** Marks what the SDK sends to the same serviceUrl that is not the database: WeChat Pay and open-API calls (multipart). */
const PLATFORM = 'platform '

/** `platform wxpay queryorder` for node-sdk's multipart platform calls (local/platform/routes.ts), else null. */
function platformCall(body: Buffer, contentType: string): string | null {
  const fields = parseMultipart(body, contentType)
  const action = fields?.action?.toString('utf8')
  if (!fields || !action) return null
  const api = fields.apiName?.toString('utf8') ?? '?'
  if (action === 'wx.wxPayApi') return `${PLATFORM}wxpay ${api}`
  if (action === 'wx.openApi') return `${PLATFORM}openapi ${api}`
  return `${PLATFORM}${action}`
}

export const isPlatformCall = (trip: string) => trip.startsWith(PLATFORM)

/** `['insert audit_events', 'insert audit_events', 'get deals']` -> `2× insert audit_events, get deals`. */
export function summarizeTrips(trips: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const t of trips) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts].map(([t, n]) => (n > 1 ? `${n}× ${t}` : t)).join(', ')
}

/** Collections that record or guard rather than hold what the user asked for: audit trail, messages, rate limits, attempt log. */
const BOOKKEEPING = /\b(audit_events|notifications|rate_limits|verify_attempts)$/

/**
 * The guarantee each remaining trip is there for, by what it touches (first match wins): what a goal that is missed
 * would have to give up. Bookkeeping already folded away (rate-limit windows in one document per staff account, the
 * commission inside the transaction that moves the code, reads the caller holds) no longer shows up here.
 */
const NEEDED_BY: [RegExp, string][] = [
  [/^tx /, 'transaction start/commit (several documents change as one)'],
  [/^aggregate /, 'one read joining several collections'],
  [/ (shops|bindings)$/, "the shop, the buyer's promoter binding"],
  [/ shop_members$/, 'role check'],
  [/ rate_limits$/, 'guessing limit (a unit held while the code is looked up, then given back)'],
  [/ audit_events$/, 'audit event per state change'],
  [/ (message_subscriptions|notifications)$/, 'messages (consent credit, then the outbox record)'],
  [/ (commission_lines|commission_orders|promoters|shares|shop_promoters|group_funnels)$/, 'commission and funnels with their line'],
  [/ (deals|group_members|buyer_units)$/, 'stock, 已售/接龙 counters, purchase limit'],
  [/ (payments|refunds)$/, 'payment/refund record (idempotent by WeChat number)'],
  [/ (codes|orders)$/, 'the order and its codes (compare-and-set, state)'],
]

function neededBy(trips: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const t of trips) {
    const why = NEEDED_BY.find(([re]) => re.test(t))?.[1] ?? 'other'
    counts.set(why, (counts.get(why) ?? 0) + 1)
  }
  return [...counts].map(([why, n]) => `${why} ${n}`).join('; ')
}

/** `8 trips: 5 writes, 3 reads; 2 of them bookkeeping (audit_events, rate_limits)` — then the list, and what each is for. */
export function describeTrips(all: readonly string[]): string {
  // WeChat Pay / open-API calls travel over the same serviceUrl but are not database trips: listed apart.
  const platform = all.filter(isPlatformCall)
  const trips = all.filter((t) => !isPlatformCall(t))
  const control = trips.filter((t) => /^tx /.test(t)).length
  const writes = trips.filter((t) => /^(insert|update|remove)/.test(t)).length
  const book = trips.filter((t) => BOOKKEEPING.test(t))
  const bookColls = [...new Set(book.map((t) => t.split(' ').pop()))]
  return (
    `${trips.length} trips: ${writes} writes, ${trips.length - writes - control} reads${control ? `, ${control} transaction start/commit` : ''}` +
    (book.length ? `; ${book.length} of them bookkeeping (${bookColls.join(', ')})` : '') +
    ` — ${summarizeTrips(trips)}. Needed by: ${neededBy(trips)}` +
    (platform.length ? `. Not database trips: ${platform.length} WeChat platform call${platform.length > 1 ? 's' : ''} on the same serviceUrl (${summarizeTrips(platform.map((t) => t.slice(PLATFORM.length)))})` : '')
  )
}
