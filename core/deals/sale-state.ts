import type { DealStatus, SaleState } from '../contracts/views'

export interface SaleFacts {
  status: DealStatus
  stock: number
  saleStart: number
  saleEnd: number
}

/** Why a deal can or cannot be bought at `now`. Order matters: a paused deal says paused even when sold out. */
export function saleStateOf(d: SaleFacts, now: number): SaleState {
  if (d.status === 'draft') return 'draft'
  if (d.status === 'paused') return 'paused'
  if (d.status === 'ended' || now >= d.saleEnd) return 'ended'
  if (now < d.saleStart) return 'not_started'
  if (d.stock <= 0) return 'sold_out'
  return 'on_sale'
}
