import type { MoneyTotals } from '../contracts/views'
import type { Fen } from '../money/fen'
import { type CsvCell, csvDocument, yuan } from './csv'
import { chinaDay, chinaTimeOfDay } from './days'
import { moneyOf, type Payment, type Refund } from './money'

/**
 * The settlement export (对账单) of a period, built from the same facts and the same definitions as the dashboard's
 * money (./money): one row per fact, each naming its deal, oldest first, then one 合计 row. Every amount has its
 * own column, so each column adds up in a spreadsheet to its 合计 cell and 净收入 per day is a plain pivot.
 */

export interface PaidFact extends Payment {
  orderId: string
  dealTitle: string
  qty: number
}

export interface RefundFact extends Refund {
  orderId: string
  code: string
  dealTitle: string
}

/** A code used at the counter: its value, not a movement of money. */
export interface RedeemedFact {
  at: number
  fen: Fen
  orderId: string
  code: string
  dealTitle: string
}

/** Commission the shop owes a promoter for a unit, as the promoters context reports it (after any reversal). */
export interface CommissionFact {
  at: number
  fen: Fen
  orderId: string
  code: string
  dealTitle: string
}

export interface SettlementFacts {
  payments: readonly PaidFact[]
  refunds: readonly RefundFact[]
  redemptions: readonly RedeemedFact[]
  commissions: readonly CommissionFact[]
}

export interface SettlementTotals extends MoneyTotals {
  redeemedFen: Fen
  commissionFen: Fen
}

export const SETTLEMENT_HEADER = ['类型', '日期', '时间', '团购', '订单号', '券码', '份数', '收入(元)', '退款(元)', '净收入(元)', '核销金额(元)', '推广佣金(元)'] as const

const KIND_ORDER = { 支付: 0, 核销: 1, 退款: 2, 推广佣金: 3 } as const
type Kind = keyof typeof KIND_ORDER

interface Amounts {
  gross?: Fen
  refunded?: Fen
  net?: number
  redeemed?: Fen
  commission?: Fen
}

interface Line {
  kind: Kind
  at: number
  cells: CsvCell[]
}

const cash = (fen: number | undefined) => (fen === undefined ? null : yuan(fen))

function line(kind: Kind, f: { at: number; dealTitle: string; orderId: string; code?: string }, qty: number, a: Amounts): Line {
  return {
    kind,
    at: f.at,
    cells: [kind, chinaDay(f.at), chinaTimeOfDay(f.at), f.dealTitle, f.orderId, f.code ?? null, qty, cash(a.gross), cash(a.refunded), cash(a.net), cash(a.redeemed), cash(a.commission)],
  }
}

export function settlementTotals(f: SettlementFacts): SettlementTotals {
  const sum = (list: readonly { fen: number }[]) => list.reduce((a, x) => a + x.fen, 0)
  return { ...moneyOf(f.payments, f.refunds), redeemedFen: sum(f.redemptions), commissionFen: sum(f.commissions) }
}

/** Header, the facts oldest first (a payment before what follows from it at the same instant), a blank line, 合计. */
export function settlementRows(period: { from: string; to: string }, f: SettlementFacts): CsvCell[][] {
  const lines: Line[] = [
    ...f.payments.map((p) => line('支付', p, p.qty, { gross: p.fen, net: p.fen })),
    ...f.redemptions.map((c) => line('核销', c, 1, { redeemed: c.fen })),
    ...f.refunds.map((c) => line('退款', c, 1, { refunded: c.fen, net: -c.fen })),
    ...f.commissions.map((l) => line('推广佣金', l, 1, { commission: l.fen })),
  ]
  lines.sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
  const t = settlementTotals(f)
  const totals: CsvCell[] = ['合计', `${period.from} 至 ${period.to}`, null, null, null, null, null, yuan(t.grossFen), yuan(t.refundedFen), yuan(t.netFen), yuan(t.redeemedFen), yuan(t.commissionFen)]
  return [[...SETTLEMENT_HEADER], ...lines.map((l) => l.cells), [], totals]
}

export function settlementCsv(period: { from: string; to: string }, f: SettlementFacts): string {
  return csvDocument(settlementRows(period, f))
}
