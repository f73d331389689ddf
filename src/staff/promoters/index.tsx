import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { getShop } from '@/features/staff/api/shop'
import { StaffArea, type StaffContext } from '@/features/staff/components/StaffArea'
import { PolicyCard, PromoterList, listShopPromoters } from '@/features/staff/promoters'
import { useRemote } from '@/shared/hooks/useRemote'
import { PageState, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/owner/owner.css'
import '@/features/staff/promoters/promoters.css'

/**
 * 推手 (staff sub-package): how the shop works with promoters — the owner edits the rules (审核, 归因窗口, 自购返佣,
 * 冻结天数) and approves or rejects pending promoters; staff see both read-only.
 */
function StaffPromotersPage() {
  return (
    <View className='page'>
      <StaffArea>{(ctx) => <ShopPromoters key={ctx.shop.shopId} ctx={ctx} />}</StaffArea>
    </View>
  )
}

function ShopPromoters({ ctx }: { ctx: StaffContext }) {
  const shopId = ctx.shop.shopId
  const isOwner = ctx.shop.role === 'owner'
  const shop = useRemote(() => getShop(shopId), [shopId])
  const promoters = useRemote(() => listShopPromoters(shopId), [shopId])
  const [approvalRequired, setApprovalRequired] = useState<boolean | null>(null)
  usePullDownRefresh(() => {
    void Promise.all([shop.reload(), promoters.reload()]).finally(() => void Taro.stopPullDownRefresh())
  })

  const policy = shop.data?.promoterPolicy
  return (
    <View>
      {!shop.data && shop.loading && <PageState kind='loading' skeleton='rows' label='正在加载推手规则…' />}
      {!shop.data && !shop.loading && shop.error && <PageState kind='error' message={shop.error.message} onRetry={() => void shop.reload()} />}
      {shop.data && policy && (
        <PolicyCard key={shop.data.id} shopId={shopId} initial={policy} editable={isOwner} known={promoters.data} onSaved={(p) => {
            setApprovalRequired(p.approvalRequired)
            void promoters.reload() // approval states follow the rule
          }} />
      )}
      <PromoterList
        shopId={shopId}
        items={promoters.data}
        loading={promoters.loading}
        error={promoters.error?.message ?? null}
        onRetry={() => void promoters.reload()}
        canReview={isOwner}
        approvalRequired={approvalRequired ?? policy?.approvalRequired ?? false}
      />
    </View>
  )
}

export default withH5Bar(StaffPromotersPage, '推手', '/pages/me/index')
