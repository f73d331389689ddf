import { View } from '@tarojs/components'
import { IdentityCard, RoleGate } from '@/features/me'
import { useLocalPersonaName } from '@/features/persona'
import { isLocalMode } from '@/shared/config/build'
import { ComingSoon } from '@/shared/ui'

/** 经营数据 (staff sub-package): for shop owners and staff. The dashboard itself is not built yet. */
export default function StaffDashboardPage() {
  const { name } = useLocalPersonaName(isLocalMode())
  return (
    <View className='page'>
      <RoleGate area='staff'>
        {(me) => (
          <View>
            <IdentityCard me={me} displayName={name} />
            <ComingSoon title='今日经营' description='今日订单、售出份数、核销与退款，以及近 30 天趋势（按北京时间统计）。' />
          </View>
        )}
      </RoleGate>
    </View>
  )
}
