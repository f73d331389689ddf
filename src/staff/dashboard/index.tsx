import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { Dashboard } from '@core/contracts/views'
import { getDashboard } from '@/features/staff/api/shop'
import { dayLabel, chinaDay } from '@/features/staff/model/chinaTime'
import { Card } from '@/features/staff/components/Fields'
import { StaffArea, type StaffContext } from '@/features/staff/components/StaffArea'
import { DailyChart, StatGrid } from '@/features/staff/components/Stats'
import { ExportCard } from '@/features/staff/dashboard/ExportCard'
import { HistoryCard } from '@/features/staff/dashboard/HistoryCard'
import { MoneyCard } from '@/features/staff/dashboard/MoneyCard'
import { RefundIssuesCard } from '@/features/staff/dashboard/RefundIssuesCard'
import { COUNT_METRICS } from '@/features/staff/model/stats'
import { useRemote } from '@/shared/hooks/useRemote'
import { ListRow, ListSection, PageState, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/dashboard/dashboard.css'

/** 经营数据 (staff sub-package): money and counts of today and the last 30 days, the verification history, and for owners the export. */
function StaffDashboardPage() {
  return (
    <View className='page'>
      <StaffArea>{(ctx) => <ShopDashboard key={ctx.shop.shopId} ctx={ctx} />}</StaffArea>
    </View>
  )
}

const OWNER_LINKS = [
  { title: '团购管理', hint: '新建、编辑、上架和下架团购', url: '/staff/deals/index' },
  { title: '店员管理', hint: '邀请和移除店员', url: '/staff/members/index' },
  { title: '店铺设置', hint: '店名、地址、营业时间和店员权限', url: '/staff/settings/index' },
  { title: '推手', hint: '推手规则、审核推手和推广数据', url: '/staff/promoters/index' },
]

function ShopDashboard({ ctx }: { ctx: StaffContext }) {
  const { shop } = ctx
  const dash = useRemote<Dashboard>(() => getDashboard(shop.shopId), [shop.shopId])
  usePullDownRefresh(() => {
    void dash.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const isOwner = shop.role === 'owner'
  const d = dash.data
  // The shop's "today" is the server's China day: the export's presets then cover exactly the dashboard's days.
  const today = d?.today.day ?? chinaDay(Date.now())
  const year = today.slice(0, 4)

  return (
    <View>
      {isOwner && <RefundIssuesCard shopId={shop.shopId} />}
      {d === null && dash.loading && <PageState kind='loading' skeleton='rows' label='正在加载经营数据…' />}
      {d === null && !dash.loading && dash.error && <PageState kind='error' message={dash.error.message} onRetry={() => void dash.reload()} />}
      {d && (
        <View>
          {d.money && <MoneyCard money={d.money} year={year} />}
          <Card title={`今日 · ${dayLabel(d.today.day, year)}`} extra={<Text className='sd-period-title'>{shop.shopName}</Text>} className='sd-today'>
            <StatGrid stats={d.today} />
          </Card>
          <Card title='近 30 天' extra={<Text className='sd-period-title'>按北京时间统计</Text>} className='sd-month'>
            <StatGrid stats={d.last30} />
            <View className='st-gap' />
            <DailyChart days={d.daily} metrics={COUNT_METRICS} year={year} />
          </Card>
          <HistoryCard shopId={shop.shopId} earliestDay={d.daily[0]?.day ?? d.today.day} />
        </View>
      )}
      {isOwner && <ExportCard shopId={shop.shopId} today={today} />}
      {isOwner && (
        <ListSection title='店铺管理（店主）'>
          {OWNER_LINKS.map((l) => (
            <ListRow key={l.url} title={l.title} hint={l.hint} onClick={() => void Taro.navigateTo({ url: l.url })} />
          ))}
        </ListSection>
      )}
      {!isOwner && (
        <ListSection title='推广'>
          <ListRow title='推手' hint='推广本店团购的推手和推广数据（只读）' onClick={() => void Taro.navigateTo({ url: '/staff/promoters/index' })} />
        </ListSection>
      )}
    </View>
  )
}

export default withH5Bar(StaffDashboardPage, '经营数据', '/pages/me/index')
