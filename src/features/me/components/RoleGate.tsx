import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { Me } from '@core/contracts/views'
import { PageState } from '@/shared/ui'
import { useMe } from '../api/getMe'
import { canUse, type AreaRole } from '../model/roles'

const DENIED: Record<AreaRole, { title: string; description: string }> = {
  staff: { title: '没有权限', description: '这里是店铺工作台，仅店主和店员可以使用。如需开通，请联系店主邀请你加入店铺。' },
  promoter: { title: '没有权限', description: '这里是推广中心，仅推手可以使用。' },
}

/**
 * Shows `children(me)` only to callers with the area's role; otherwise loading, error (with retry), or a proper
 * "没有权限" state. The functions check roles again on every call: this gate is for the person, not for security.
 */
export function RoleGate({ area, children }: { area: AreaRole; children: (me: Me) => ReactNode }) {
  const { data: me, error, loading, reload } = useMe()
  if (!me && loading) return <PageState kind='loading' skeleton='rows' />
  if (!me) return <PageState kind='error' message={error?.message ?? '加载失败'} onRetry={() => void reload()} />
  if (!canUse(me, area)) {
    const d = DENIED[area]
    return (
      <PageState
        kind='denied'
        title={d.title}
        description={d.description}
        actionLabel='返回我的'
        onAction={() => void Taro.switchTab({ url: '/pages/me/index' })}
      />
    )
  }
  return <>{children(me)}</>
}
