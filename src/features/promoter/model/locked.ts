import type { CommissionLineView } from '@core/contracts/views'
import { lineNetFen } from './lines'

export interface LockedBatch {
  /** When these fen become withdrawable. */
  availableAt: number
  fen: number
  lines: number
}

/**
 * The locked (冻结中) part of the balance, by the moment each part becomes withdrawable, soonest first: settled
 * lines whose hold has not ended. From the lines the centre sent (the latest ones); `restFen` is what the balance
 * says is locked beyond them (older lines), never negative.
 */
export function lockedSchedule(lines: CommissionLineView[], lockedFen: number, now: number): { batches: LockedBatch[]; restFen: number } {
  const byAt = new Map<number, LockedBatch>()
  for (const l of lines) {
    if (l.status !== 'settled' || l.availableAt === null || l.availableAt <= now) continue
    const fen = lineNetFen(l)
    if (fen <= 0) continue
    const b = byAt.get(l.availableAt) ?? { availableAt: l.availableAt, fen: 0, lines: 0 }
    b.fen += fen
    b.lines += 1
    byAt.set(l.availableAt, b)
  }
  const batches = [...byAt.values()].sort((a, b) => a.availableAt - b.availableAt)
  const listed = batches.reduce((s, b) => s + b.fen, 0)
  return { batches, restFen: Math.max(0, lockedFen - listed) }
}
