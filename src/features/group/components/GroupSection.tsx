import type { DealDetail } from '@core/contracts/views'
import { GroupProgressView } from '@/features/deals/components/GroupProgressView'
import type { ChatProgress } from '../model/invite'
import { GroupInvite } from './GroupInvite'

/**
 * The deal page's 成团 block: while the group forms, the invite (opened from a group, that group's part first);
 * once decided, how it ended.
 */
export function GroupSection({ deal, chat, groupId, skew, now }: { deal: DealDetail; chat: ChatProgress | null; groupId: string | null; skew: number; now: number }) {
  const group = deal.group
  if (!group) return null
  if (group.status !== 'forming') return <GroupProgressView group={group} now={now} />
  const card = { dealId: deal.id, title: deal.title, image: deal.images[0] ?? deal.cover ?? null, groupId, orderId: null }
  return <GroupInvite group={group} chat={chat} skew={skew} card={card} />
}
