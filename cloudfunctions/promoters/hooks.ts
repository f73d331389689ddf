import { lineTotals, moveLine, unitLines, type UnitLine } from '@core/commission/order-commission'
import type { LineStatus } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { checked, insertOnce, isDuplicateKey } from '../../server/db'
import { notifyUser } from '../../server/notify'
import type { OutgoingMessage } from '../../server/platform/messages'
import type { Db } from '../../server/platform/cloudbase'
import { inTransaction, txGet, txUpdate, type Tx } from '../../server/tx'
import { LEDGERS, LINES, PROMOTERS, SHARES, SHOP_PROMOTERS, type LedgerDoc, type LineDoc, type PromoterDoc } from './collections'
import { funnelRefs, groupKeyOf } from './funnels'
import type { Attribution } from './public'

/**
 * The commission ledger's side of order events. Each is idempotent (deterministic ids, transactions that
 * re-read the line), so a replayed payment, redemption or refund changes nothing; the promoter's balances and
 * the share's funnel move in the same transaction as the line, so counters and lines never disagree.
 */
const lineId = (code: string) => `L${code}`

/**
 * What the ledger of an order of several units keeps of each of its lines (in `codes` order): an event then reads
 * the line it moves and the ledger, not every line of the order. Written in the same transactional update as the
 * lines themselves (moveInTx), so it never disagrees with them; absent on older ledgers (their lines are read).
 */
interface LedgerLine {
  status: LineStatus
  amountFen: number
  availableAt: Date | null
}
type Ledger = LedgerDoc & { lines?: LedgerLine[]; holdDays?: number }

export interface PaidOrder {
  orderId: string
  promoter: Attribution | null
  commissionBps: number
  unitPriceFen: number
  codes: string[]
  dealId: string
  dealTitle: string
  shopId: string
  shopName: string
  /** The buyer's nickname as given at checkout (masked before it is stored here). */
  buyerMasked: string
  paidAt: number
  validEnd?: number
  now: number
}

/**
 * An order placed through a share: the funnel's "下单" step, counted once by the checkout that wrote the order, in one
 * write to the share: its own count, its WeChat group's (placedIn) and its shop's (placedAtShop), which the centre and
 * the shop's promoter list read from it (group funnels and shop_promoters kept their own 下单 count before, frozen
 * since and added: placedOf). A crash right after the order's write loses this one count; money never derives from it.
 */
export async function onOrderPlaced(db: Db, a: Attribution): Promise<void> {
  if (!a.shareCode) return
  const groupKey = a.groupId ? groupKeyOf(a.groupId) : null
  const _ = db.command
  await db.collection(SHARES).doc(a.shareCode).update({ placed: _.inc(1), placedAtShop: _.inc(1), ...(groupKey ? { [`placedIn.${groupKey}`]: _.inc(1) } : {}) })
}

/** The commission rate that applies: none where the shop's approval was required and missing. */
const effectiveBps = (o: PaidOrder) => (o.promoter && o.promoter.counts !== false ? o.commissionBps : 0)

/**
 * The order's ledger and one line per unit: plain idempotent writes, made before the order's codes exist, so
 * every refund or redemption of a unit finds its line and the ledger's live count. (Booked after the codes, a
 * refund that came before the booking reversed nothing, and the booking then counted the refunded unit.)
 */
export async function onOrderPaid(db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.codes.length === 0) return
  const p = o.promoter
  const bps = effectiveBps(o)
  // Lines exist for every attributed unit, at 0 where no commission counts: the promoter still sees the order,
  // its units and what happened to each, and the funnel's redeemed count moves with them.
  const amounts = unitLines(o.unitPriceFen, o.codes.length, bps)
  const groupKey = p.groupId ? groupKeyOf(p.groupId) : null
  const at = new Date(o.now)
  const ledger: Ledger = {
    _id: o.orderId, promoter: p.promoter, unitPriceFen: o.unitPriceFen, commissionBps: bps, live: o.codes.length, codes: o.codes, counted: false, createdAt: at,
    ...(o.codes.length > 1 ? { lines: amounts.map((amountFen) => ({ status: 'pending' as const, amountFen, availableAt: null })), holdDays: p.holdDays ?? 0 } : {}),
    why: {
      dealTitle: o.dealTitle, shopId: o.shopId, shopName: o.shopName, buyerMasked: o.buyerMasked, units: o.codes.length, paidAt: new Date(o.paidAt),
      rule: p.rule, shareCode: p.shareCode, visitAt: p.visitAt ? new Date(p.visitAt) : null, windowDays: p.windowDays ?? 7, groupKey,
      commissionCounts: p.counts !== false,
    },
  }
  await insertOnce(db, LEDGERS, ledger)
  const lines: LineDoc[] = o.codes.map((code, i) => ({
    _id: lineId(code), orderId: o.orderId, code, promoter: p.promoter, shareCode: p.shareCode, dealId: o.dealId,
    dealTitle: o.dealTitle, shopId: o.shopId, orderUnits: o.codes.length, amountFen: amounts[i], reversedFen: 0, status: 'pending', availableAt: null,
    groupKey, holdDays: p.holdDays ?? 0, ...(o.validEnd ? { validEnd: new Date(o.validEnd) } : {}), history: [{ status: 'pending', at }], createdAt: at,
  }))
  // All lines in one insert (all or nothing); a replay finds some there already and settles them one by one.
  try {
    checked(await db.collection(LINES).add(lines))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    await Promise.all(lines.map((line) => insertOnce(db, LINES, line)))
  }
}

/**
 * The order's totals on the promoter's balance and the share's funnel, once: the ledger's `counted` is the
 * guard. Every event moves these counters by deltas, so the totals may arrive after the order's first refunds
 * or redemptions (a retried notify) and still sum right.
 */
export async function countOrderCommission(db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.codes.length === 0) return
  const p = o.promoter
  const _ = db.command
  await inTransaction(db, async (tx) => {
    const ledger = await txGet<LedgerDoc>(tx, LEDGERS, o.orderId)
    if (!ledger || ledger.counted !== false) return
    // The rate the ledger was booked with (0 when the shop's approval was missing), not the order's.
    const total = unitLines(o.unitPriceFen, o.codes.length, ledger.commissionBps).reduce((a, b) => a + b, 0)
    await txUpdate(tx, LEDGERS, o.orderId, { counted: true })
    if (total > 0) await txUpdate(tx, PROMOTERS, p.promoter, { pendingFen: _.inc(total) })
    const refs = funnelRefs({ shareCode: p.shareCode, groupKey: ledger.why?.groupKey, shopId: ledger.why?.shopId, promoter: p.promoter })
    for (const [coll, id] of refs) await txUpdate(tx, coll, id, { orders: _.inc(1), units: _.inc(o.codes.length), commissionFen: _.inc(total) })
  })
}

const DAY_MS = 24 * 3600 * 1000

/** The line an event moves and all its order's lines; the ledger (price, rate) unless the order has one unit. */
interface Book {
  ledger: Ledger | null
  line: LineDoc
  lines: LineDoc[]
}

/**
 * A unit alone in its order keeps its amount whatever happens to it (floor(rate × price) is the whole order), so
 * its events read just its line, as before the rule. Otherwise the ledger, and the order's other lines from it when
 * it keeps them (LedgerLine); older ledgers list their codes and the lines are read (older still do not: their line
 * ids come from a plain query, safe because an order's lines are all written before its first code exists and never
 * removed). One read at a time: a transaction takes one operation at a time.
 */
async function readBook(db: Db, get: <T>(coll: string, id: string) => Promise<T | null>, orderId: string, code: string, units?: number): Promise<Book | null> {
  // The caller knows the order has several units: a ledger that keeps its lines is the whole book, in one read.
  if (units !== undefined && units > 1) {
    const book = bookOfLedger(await get<Ledger>(LEDGERS, orderId), code)
    if (book) return book
  }
  const line = await get<LineDoc>(LINES, lineId(code))
  if (!line) return null
  if (line.orderUnits === 1) return { ledger: null, line, lines: [line] }
  const ledger = await get<Ledger>(LEDGERS, orderId)
  if (!ledger) return null
  if (ledger.lines && ledger.codes && ledger.lines.length === ledger.codes.length) {
    const kept = ledger.lines
    const lines = ledger.codes.map((c, i) => (lineId(c) === line._id ? line : { ...line, _id: lineId(c), code: c, status: kept[i].status, amountFen: kept[i].amountFen, availableAt: kept[i].availableAt }))
    return { ledger, line, lines }
  }
  const ids = ledger.codes
    ? ledger.codes.map(lineId)
    : ((await db.collection(LINES).where({ orderId }).field({ _id: true }).limit(1000).get()).data as { _id: string }[]).map((l) => l._id).sort()
  const lines: LineDoc[] = []
  for (const id of ids) {
    const l = id === line._id ? line : await get<LineDoc>(LINES, id)
    if (l) lines.push(l)
  }
  return { ledger, line, lines }
}

/** The book from a ledger alone: its lines as the line documents hold them (what a move reads and writes of them). */
function bookOfLedger(ledger: Ledger | null, code: string): Book | null {
  if (!ledger?.lines || !ledger.codes || !ledger.why || ledger.holdDays === undefined || ledger.lines.length !== ledger.codes.length) return null
  const { why, lines: kept } = ledger
  const lines: LineDoc[] = ledger.codes.map((c, i) => ({
    _id: lineId(c), orderId: ledger._id, code: c, promoter: ledger.promoter, shareCode: why.shareCode, dealId: '', dealTitle: why.dealTitle, shopId: why.shopId,
    orderUnits: ledger.codes!.length, amountFen: kept[i].amountFen, reversedFen: 0, status: kept[i].status, groupKey: why.groupKey, holdDays: ledger.holdDays,
    availableAt: kept[i].availableAt, history: [], createdAt: ledger.createdAt ?? new Date(0),
  }))
  const line = lines.find((l) => l.code === code)
  return line ? { ledger, line, lines } : null
}

const txReader = (tx: Tx) => <T>(coll: string, id: string) => txGet<T>(tx, coll, id)

/** The order's lines after the book's line moves to `to`, by the rule in core/commission. */
function planMove(book: Book, to: LineStatus): { subject: number; before: UnitLine[]; after: UnitLine[] } {
  const subject = book.lines.indexOf(book.line)
  const before = book.lines.map((l) => ({ state: l.status, amountFen: l.amountFen }))
  const after = book.ledger
    ? moveLine(book.ledger.unitPriceFen, book.ledger.commissionBps, before, subject, to)
    : before.map((l, j) => (j === subject ? { ...l, state: to } : l))
  return { subject, before, after }
}

/**
 * Moves one line of an order, in the caller's transaction: the line's status and amount, the one other line of the
 * order the rule may move by a fen, the ledger's live count (written by every event of an order of several units,
 * so two events of one order never both decide from the same lines), and the promoter's balances and the funnels by
 * exactly what the lines moved.
 */
async function moveInTx(tx: Tx, db: Db, book: Book, to: LineStatus, now: number): Promise<LineDoc> {
  const _ = db.command
  const { subject, before, after } = planMove(book, to)
  const at = new Date(now)
  const line = book.line
  const amountFen = after[subject].amountFen
  const availableAt = to === 'settled' ? new Date(now + (line.holdDays ?? 0) * DAY_MS) : null
  await txUpdate(tx, LINES, line._id, {
    status: to, amountFen, availableAt, history: _.push([{ status: to, at }]),
    ...(to === 'reversed' ? { reversedFen: amountFen } : {}),
  })
  for (let j = 0; j < after.length; j++) {
    if (j !== subject && after[j].amountFen !== before[j].amountFen) await txUpdate(tx, LINES, book.lines[j]._id, { amountFen: after[j].amountFen })
  }
  const live = after.filter((l) => l.state !== 'reversed').length
  const ledgerLines = book.ledger?.lines
    ? { lines: _.set(book.lines.map((l, j) => ({ status: after[j].state, amountFen: after[j].amountFen, availableAt: j === subject ? availableAt : l.availableAt }))) }
    : {}
  if (book.ledger || to === 'reversed') await txUpdate(tx, LEDGERS, line.orderId, { live, ...ledgerLines })

  const was = lineTotals(before)
  const is = lineTotals(after)
  const pending = is.pendingFen - was.pendingFen
  const settled = is.settledFen - was.settledFen
  const kept = is.keptFen - was.keptFen
  const balance: Record<string, unknown> = {}
  if (pending) balance.pendingFen = _.inc(pending)
  if (settled) balance.settledFen = _.inc(settled)
  if (availableAt && line.holdDays && amountFen > 0) {
    // The balance sums locked lines only while some may be locked: it needs the latest unlock time.
    const p = await txGet<PromoterDoc>(tx, PROMOTERS, line.promoter)
    if (!p?.lockedUntil || +p.lockedUntil < +availableAt) balance.lockedUntil = availableAt
  }
  if (Object.keys(balance).length) await txUpdate(tx, PROMOTERS, line.promoter, balance)
  const redeemed = to === 'settled' ? 1 : line.status === 'settled' && to === 'pending' ? -1 : 0
  for (const [coll, id] of funnelRefs(line)) {
    const moves: Record<string, unknown> = {}
    if (kept) moves.commissionFen = _.inc(kept)
    if (redeemed) moves.redeemed = _.inc(redeemed)
    if (coll === SHOP_PROMOTERS && settled) moves.settledFen = _.inc(settled)
    if (Object.keys(moves).length) await txUpdate(tx, coll, id, moves)
  }
  return { ...line, status: to, amountFen }
}

/** Settles the redeemed unit's line at its step of the order's settled commission (see core/commission). */
export async function onUnitRedeemed(db: Db, e: { orderId: string; code: string; now: number; units?: number }): Promise<void> {
  const settled = await inTransaction(db, (tx) => settleRedeemedInTx(tx, db, e))
  if (settled.message) await notifyUser(db, settled.message.key, settled.message.m, e.now)
}

/** What a redemption's transaction learnt from the order's commission book, so nothing it read is read again. */
export interface RedeemedInTx {
  /** The promoter's 佣金已结算, to send once the transaction committed (null: nothing settled at an amount). */
  message: { key: string; m: OutgoingMessage } | null
  /** The order's title and shop as its ledger keeps them (null: no ledger that keeps them was read). */
  order: { dealTitle: string; shopName: string } | null
  /**
   * true: another unit of the order is still pending (unused or refunding), so this redemption cannot complete the
   * order; false: none is by the lines (the codes must say so); null: unknown.
   */
  othersPending: boolean | null
}

/**
 * The same, inside the transaction that redeems the code (redemption/confirm): the line moves with the code. `before`
 * makes the caller's own writes once the book is read (told whether other units are pending) and before the
 * promoter's balance and funnels, which every sale of the promoter writes: written last, they are held the shortest.
 */
export async function settleRedeemedInTx(
  tx: Tx,
  db: Db,
  e: { orderId: string; code: string; now: number; units?: number },
  before: (othersPending: boolean | null) => Promise<void> = async () => undefined,
): Promise<RedeemedInTx> {
  const book = await readBook(db, txReader(tx), e.orderId, e.code, e.units)
  if (book?.line.status !== 'pending') {
    await before(null)
    return { message: null, order: null, othersPending: null }
  }
  const othersPending = book.lines.some((l) => l !== book.line && l.status === 'pending')
  await before(othersPending)
  const line = await moveInTx(tx, db, book, 'settled', e.now)
  const why = book.ledger?.why
  const message = line.amountFen > 0 ? { key: `settled:${line._id}`, m: { to: line.promoter, kind: 'settled', title: '佣金已结算', body: `${line.dealTitle} ¥${formatYuan(line.amountFen)}`, page: '/promoter/center/index' } } : null
  return { message, order: why ? { dealTitle: why.dealTitle, shopName: why.shopName } : null, othersPending }
}

/**
 * Reverses the refunded unit's line, taking back exactly its amount; the order's other pending lines carry what
 * the kept units earn (one of them may move by a fen), in the same transaction.
 */
export async function onUnitRefunded(db: Db, e: { orderId: string; code: string; now: number }): Promise<void> {
  await inTransaction(db, (tx) => reverseUnitInTx(tx, db, e))
}

/** The same, inside the transaction that refunds the code (orders/refund-codes): the line moves with the code. */
export async function reverseUnitInTx(tx: Tx, db: Db, e: { orderId: string; code: string; now: number; units?: number }): Promise<void> {
  const book = await readBook(db, txReader(tx), e.orderId, e.code, e.units)
  if (!book || book.line.status === 'reversed') return
  await moveInTx(tx, db, book, 'reversed', e.now)
}

/**
 * An undone redemption puts the line back to pending (and may move another settled line of the order by a fen, so
 * the settled lines stay at the order's settled commission), unless the money was already withdrawn (the balance
 * would not cover it). With `check`, only answers whether that is allowed.
 */
export async function onRedemptionUndone(db: Db, e: { orderId: string; code: string; check: boolean; now: number }): Promise<boolean> {
  if (e.check) {
    const plainGet = async <T>(coll: string, id: string) => ((await db.collection(coll).doc(id).get()).data[0] as T | undefined) ?? null
    const book = await readBook(db, plainGet, e.orderId, e.code)
    if (book?.line.status !== 'settled') return true
    const { before, after } = planMove(book, 'pending')
    // What stops being withdrawable: settled lines already available that leave settled or shrink.
    let drop = 0
    book.lines.forEach((l, j) => {
      if (before[j].state === 'settled' && l.availableAt && +l.availableAt <= e.now) drop += before[j].amountFen - (after[j].state === 'settled' ? after[j].amountFen : 0)
    })
    const { balanceOf } = await import('./balance')
    const b = await balanceOf(db, book.line.promoter, e.now)
    return b.availableFen - drop >= 0
  }
  await inTransaction(db, async (tx) => {
    const book = await readBook(db, txReader(tx), e.orderId, e.code)
    if (book?.line.status !== 'settled') return
    await moveInTx(tx, db, book, 'pending', e.now)
  })
  return true
}
