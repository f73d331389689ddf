import type { CommissionLineView, LineStatus } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format'
import { ledgerYuan } from './money'

const STATUS: Record<LineStatus, string> = { pending: '待结算', settled: '已结算', reversed: '已冲正' }

export function lineStatusName(s: LineStatus): string {
  return STATUS[s]
}

/**
 * When this line's fen become the promoter's, in words: pending until the buyer's code is used; settled lines
 * are locked until `availableAt` (the shop's hold days), then withdrawable; a reversed line says what was taken back.
 */
export function whenAvailable(line: CommissionLineView, now: number): string {
  if (line.status === 'pending') {
    const after = line.holdDays > 0 ? `，再冻结 ${line.holdDays} 天可提现` : '，结算后即可提现'
    const expiry = line.validEnd !== null ? `；券码 ${formatDateTime(line.validEnd, now)} 前未使用会自动退款，不计佣金` : '；券码退款则不计佣金'
    return `顾客到店核销券码后结算${after}${expiry}`
  }
  if (line.status === 'reversed') {
    const kept = line.amountFen - line.reversedFen
    const base = `订单退款，冲回 ${ledgerYuan(line.reversedFen)}`
    if (kept > 0) return `${base}（按整单重新取整，保留 ${ledgerYuan(kept)}）`
    if (kept < 0) return `${base}（按整单重新取整，多冲回 ${ledgerYuan(-kept)}）`
    return base
  }
  if (line.availableAt === null || line.availableAt <= now) {
    return line.availableAt === null ? '已可提现' : `${formatDateTime(line.availableAt, now)} 起可提现`
  }
  return `冻结中，${formatDateTime(line.availableAt, now)} 到账可提现`
}

/** The line's amount as it counts now: the reversed part taken off. */
export function lineNetFen(line: CommissionLineView): number {
  return line.amountFen - line.reversedFen
}
