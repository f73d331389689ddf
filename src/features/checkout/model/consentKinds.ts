import type { DealDetail, MessageKind } from '@core/contracts/views'

/**
 * The messages a buyer is asked to allow at the pay button, most important first (WeChat takes 3 templates a
 * request; 拼团结果通知 may serve both group kinds): paid, then the group's result while the group forms, the
 * refund, and otherwise the codes expiring.
 */
export function consentKinds(deal: Pick<DealDetail, 'group'>): MessageKind[] {
  return deal.group?.status === 'forming' ? ['paid', 'group_succeeded', 'group_failed', 'refunded'] : ['paid', 'refunded', 'expiring']
}
