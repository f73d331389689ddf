import { View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { listShopDeals } from '@/features/staff/api/deals'
import { StaffArea, type StaffContext } from '@/features/staff/components/StaffArea'
import { DealEditor } from '@/features/staff/owner/DealEditor'
import { useRemote } from '@/shared/hooks/useRemote'
import { PageState, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/owner/owner.css'

/** 新建 / 编辑团购 (owners): `?shopId=&id=` edits a deal of the shop, without `id` creates a draft. */
function StaffDealEditPage() {
  const { params } = useRouter()
  useLoad(() => {
    if (!params.id) void Taro.setNavigationBarTitle({ title: '新建团购' })
  })
  return (
    <View className='page'>
      <StaffArea ownerOnly>{(ctx) => <Editor ctx={ctx} dealId={params.id ?? null} />}</StaffArea>
    </View>
  )
}

function Editor({ ctx, dealId }: { ctx: StaffContext; dealId: string | null }) {
  const shopId = ctx.shop.shopId
  // There is no single-deal admin read: the shop's list has every field the form needs, drafts included.
  const loaded = useRemote(() => (dealId ? listShopDeals(shopId).then((all) => all.find((d) => d.id === dealId) ?? null) : Promise.resolve(null)), [shopId, dealId])
  if (!dealId) return <DealEditor shopId={shopId} initial={null} />
  if (loaded.data === null && loaded.loading) return <PageState kind='loading' skeleton='detail' />
  if (loaded.error) return <PageState kind='error' message={loaded.error.message} onRetry={() => void loaded.reload()} />
  if (!loaded.data) {
    return <PageState kind='empty' title='没有找到这个团购' description='它可能属于另一家店铺。' actionLabel='返回团购列表' onAction={() => void Taro.navigateBack()} />
  }
  return <DealEditor key={loaded.data.id} shopId={shopId} initial={loaded.data} />
}

export default withH5Bar(StaffDealEditPage, '编辑团购', '/staff/deals/index')
