import { Input, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { toApiError } from '@/shared/api/errors'
import { Button } from '@/shared/ui'
import { joinPromoters } from '../api/joinPromoters'
import { writeRoleHint } from '../model/roleHint'
import './promoter.css'

const MAX_NAME = 20

/**
 * 成为推手: free, one level. Says plainly what a promoter earns and what not (no downline, no fee, no reward for
 * sharing itself), asks only for the name buyers will see on posters.
 */
export function JoinPromoter({ defaultName = '', onJoined }: { defaultName?: string; onJoined: (name: string) => void }) {
  const [name, setName] = useState(defaultName)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const edited = useRef(false)
  // The suggested name may arrive after the form (the local persona list): use it until the person types.
  useEffect(() => {
    if (!edited.current && defaultName) setName(defaultName)
  }, [defaultName])

  const join = async () => {
    const trimmed = name.trim()
    if (!trimmed) return setError('请填写昵称，海报上会显示')
    if (Array.from(trimmed).length > MAX_NAME) return setError(`昵称最多 ${MAX_NAME} 个字`)
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const r = await joinPromoters(trimmed)
      writeRoleHint(true)
      onJoined(r.name)
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='pc-join'>
      <Text className='pc-join__title'>成为推手</Text>
      <Text className='pc-join__lead'>免费加入，只按你分享带来的订单计佣金，不设下级。</Text>
      <View className='pc-join__points'>
        <Text className='pc-join__point'>· 把团购分享到微信群或生成海报，顾客经你的分享下单，佣金算你的</Text>
        <Text className='pc-join__point'>· 顾客到店核销后佣金结算，可随时提现（满 1 元）</Text>
        <Text className='pc-join__point'>· 不收任何费用，不拉下级，分享本身没有奖励</Text>
      </View>
      <View className='pc-field'>
        <Text className='pc-field__label'>昵称</Text>
        <Input
          // A new suggested name remounts the field: Taro's h5 input throws when its value changes before it has rendered.
          key={defaultName || '-'}
          className='pc-field__input'
          value={name}
          maxlength={MAX_NAME}
          placeholder='海报上显示的名字'
          onInput={(e) => {
            edited.current = true
            setName(e.detail.value)
            setError(null)
          }}
        />
      </View>
      {error && <Text className='pc-form__error'>{error}</Text>}
      <View className='pc-join__action'>
        <Button size='lg' block disabled={busy} onClick={() => void join()}>
          {busy ? '正在加入…' : '免费加入'}
        </Button>
      </View>
    </View>
  )
}
