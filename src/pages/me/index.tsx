import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { IdentityCard, RoleEntries, useMe } from '@/features/me'
import { PersonaSwitcher, useLocalPersonaName } from '@/features/persona'
import { isLocalMode } from '@/shared/config/build'
import { PageState } from '@/shared/ui'
import './index.css'

/** 我的: who I am (shops.me), ways into the staff/promoter areas for those roles, the persona switcher locally. */
export default function MePage() {
  const local = isLocalMode()
  const me = useMe()
  const { personas, current, name } = useLocalPersonaName(local)

  usePullDownRefresh(() => {
    void me.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  return (
    <View className='page'>
      {me.data === null && me.loading && <PageState kind='loading' skeleton='rows' />}
      {me.data === null && !me.loading && me.error && <PageState kind='error' message={me.error.message} onRetry={() => void me.reload()} />}
      {me.data && (
        <View>
          <IdentityCard me={me.data} displayName={name} />
          <RoleEntries me={me.data} />
        </View>
      )}
      {local && personas.data && <PersonaSwitcher personas={personas.data} current={current} />}
      {local && personas.error && <Text className='me-page__note'>{personas.error.message}（身份列表）</Text>}
      <View className='me-page__about'>
        <Text>团卡 · 所有团购券支持随时退、过期自动退</Text>
      </View>
    </View>
  )
}
