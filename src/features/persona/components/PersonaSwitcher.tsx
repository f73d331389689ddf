import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chooseLocalPersona, type Persona } from '@/shared/api'
import { ListRow, ListSection } from '@/shared/ui'

/**
 * 切换身份 (local mode only): speak to the local gateway as another demo persona. The choice is stored and sent as
 * `x-tuanka-openid`; the app restarts on 我的 so that every page reloads as the new persona.
 */
export function PersonaSwitcher({ personas, current }: { personas: Persona[]; current: Persona | null }) {
  if (personas.length === 0) return null
  const choose = (p: Persona) => {
    if (p.openid === current?.openid) return
    chooseLocalPersona(p.openid)
    void Taro.reLaunch({ url: '/pages/me/index' })
  }
  return (
    <ListSection title='切换身份（本地演示）'>
      {personas.map((p) =>
        p.openid === current?.openid ? (
          <ListRow key={p.key} title={p.label} right={<Text className='tk-list__tag'>当前</Text>} />
        ) : (
          <ListRow key={p.key} title={p.label} onClick={() => choose(p)} />
        ),
      )}
    </ListSection>
  )
}
