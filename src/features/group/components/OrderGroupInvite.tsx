import type { OrderView } from '@core/contracts/views'
import { useDeal } from '@/features/deals/api/getDeal'
import { GroupInvite } from './GroupInvite'

/**
 * On a 拼团中 order: the deal's group as it stands (its own call, so the order shows at once) and the invite.
 * Nothing while it loads or when the group is no longer forming (the order's state says how it ended).
 */
export function OrderGroupInvite({ order, skew }: { order: OrderView; skew: number }) {
  const { data: deal } = useDeal(order.state === 'grouping' ? order.dealId : null)
  const group = deal?.group
  if (!deal || !group || group.status !== 'forming') return null
  const card = { dealId: deal.id, title: deal.title, image: deal.images[0] ?? deal.cover ?? null, groupId: null, orderId: order.id }
  return <GroupInvite group={group} chat={null} skew={skew} card={card} />
}
