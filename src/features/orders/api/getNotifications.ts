import type { NotificationView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'

/** The caller's messages: paid, group result, codes expiring, refund done (newest first). */
export function getNotifications(): Promise<NotificationView[]> {
  return callFunction('orders', 'notifications', {})
}

export function useNotifications(): Remote<NotificationView[]> {
  return useRemote(getNotifications, [])
}
