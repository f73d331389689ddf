import { View } from '@tarojs/components'
import { IdentityCard, RoleGate } from '@/features/me'
import { useLocalPersonaName } from '@/features/persona'
import { isLocalMode } from '@/shared/config/build'
import { ComingSoon } from '@/shared/ui'

/** 推广中心 (promoter sub-package): for promoters. Shares, funnels and commission are not built yet. */
export default function PromoterCenterPage() {
  const { name } = useLocalPersonaName(isLocalMode())
  return (
    <View className='page'>
      <RoleGate area='promoter'>
        {(me) => (
          <View>
            <IdentityCard me={me} displayName={name} />
            <ComingSoon title='我的推广' description='分享团购到微信群，查看每个分享链接的浏览、下单和佣金。' />
            <ComingSoon title='佣金与提现' description='顾客核销后佣金才会结算；退款的订单佣金自动冲回。' />
          </View>
        )}
      </RoleGate>
    </View>
  )
}
