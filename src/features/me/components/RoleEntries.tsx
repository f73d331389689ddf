import Taro from '@tarojs/taro'
import type { Me } from '@core/contracts/views'
import { ListRow, ListSection } from '@/shared/ui'
import { canUsePromoterArea, canUseStaffArea } from '../model/roles'

interface Entry {
  title: string
  hint: string
  url: string
}

/** Ways into the staff and promoter areas (sub-packages), only for callers who have those roles. */
export function RoleEntries({ me }: { me: Me }) {
  const entries: Entry[] = []
  if (canUseStaffArea(me)) {
    entries.push({ title: '核销券码', hint: '到店顾客出示券码时使用', url: '/staff/verify/index' })
    entries.push({ title: '经营数据', hint: '今日订单、核销与退款', url: '/staff/dashboard/index' })
  }
  if (me.memberships.some((m) => m.role === 'owner')) {
    entries.push({ title: '团购管理', hint: '新建、编辑、上架和下架团购', url: '/staff/deals/index' })
    entries.push({ title: '店员管理', hint: '邀请和移除店员', url: '/staff/members/index' })
    entries.push({ title: '店铺设置', hint: '店名、地址、营业时间和店员权限', url: '/staff/settings/index' })
  }
  if (canUsePromoterArea(me)) {
    entries.push({ title: '推广中心', hint: '分享团购、查看佣金', url: '/promoter/center/index' })
  } else if (me.openid) {
    // Anyone may become a promoter, free and one level only: the centre shows the join section to them.
    entries.push({ title: '成为推手', hint: '免费加入，分享团购赚佣金', url: '/promoter/center/index' })
  }
  if (entries.length === 0) return null
  return (
    <ListSection title='工作台'>
      {entries.map((e) => (
        <ListRow key={e.url} title={e.title} hint={e.hint} onClick={() => void Taro.navigateTo({ url: e.url })} />
      ))}
    </ListSection>
  )
}
