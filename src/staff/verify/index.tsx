import { View } from '@tarojs/components'
import { IdentityCard, RoleGate } from '@/features/me'
import { useLocalPersonaName } from '@/features/persona'
import { isLocalMode } from '@/shared/config/build'
import { ComingSoon } from '@/shared/ui'

/** 核销 (staff sub-package): for shop owners and staff. Verification itself is not built yet. */
export default function StaffVerifyPage() {
  const { name } = useLocalPersonaName(isLocalMode())
  return (
    <View className='page'>
      <RoleGate area='staff'>
        {(me) => (
          <View>
            <IdentityCard me={me} displayName={name} />
            <ComingSoon title='扫码 / 输入券码核销' description='顾客到店出示券码，店员扫码或输入券码即可核销，10 分钟内可撤销。' />
          </View>
        )}
      </RoleGate>
    </View>
  )
}
