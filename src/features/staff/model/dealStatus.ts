import type { DealAdminView } from '@core/contracts/views'
import { OWNER_DEAL_STATUS_LABELS, ownerDealStatusOf, type OwnerDealStatus } from '@core/deals/counts'

const TONE: Record<OwnerDealStatus, string> = {
  draft: 'draft',
  on_sale: 'published',
  not_started: 'warn',
  sold_out: 'warn',
  sale_ended: 'ended',
  paused: 'paused',
  ended: 'ended',
}

/** The one status badge a deal wears in the owner's pages (core/deals/counts), with its badge tone. */
export function ownerDealBadge(d: Pick<DealAdminView, 'status' | 'saleState'>): { key: OwnerDealStatus; label: string; tone: string } {
  const key = ownerDealStatusOf(d.status, d.saleState)
  return { key, label: OWNER_DEAL_STATUS_LABELS[key], tone: TONE[key] }
}
