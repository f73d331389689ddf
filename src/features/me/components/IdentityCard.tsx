import { Text, View } from '@tarojs/components'
import type { Me } from '@core/contracts/views'
import { roleName, roleSummary } from '../model/roles'
import './me.css'

/** Who the caller is and which shops they belong to. `displayName` comes from the page (e.g. the local persona). */
export function IdentityCard({ me, displayName }: { me: Me; displayName?: string }) {
  const name = displayName ?? (me.openid ? '微信用户' : '游客')
  return (
    <View className='me-card'>
      <View className='me-card__head'>
        <View className='me-card__avatar'>
          <Text>{avatarChar(name)}</Text>
        </View>
        <View className='me-card__who'>
          <Text className='me-card__name'>{name}</Text>
          <Text className='me-card__roles'>{roleSummary(me)}</Text>
        </View>
      </View>
      {me.memberships.length > 0 && (
        <View className='me-card__shops'>
          <Text className='me-card__shops-title'>我所在的店铺</Text>
          {me.memberships.map((m) => (
            <View key={`${m.shopId}-${m.role}`} className='me-card__shop'>
              <Text className='me-card__shop-name'>{m.shopName}</Text>
              <Text className={`me-card__role me-card__role--${m.role}`}>{roleName(m.role)}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

function avatarChar(name: string): string {
  const last = name.split('·').pop()?.trim() ?? name
  return Array.from(last)[0] ?? '我'
}
