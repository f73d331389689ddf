import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { Membership } from '@core/contracts/views'
import { getMe, roleName } from '@/features/me'
import { acceptInvite } from '@/features/staff/api/shop'
import { Card, TextField } from '@/features/staff/components/Fields'
import { readInviteCode } from '@/features/staff/model/invite'
import { toApiError } from '@/shared/api'
import { Button, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/owner/owner.css'

const CAN_SCAN = process.env.TARO_ENV === 'weapp'

/**
 * 加入店铺: `?code=` from the owner's invite (link, QR or shared card). The invited person enters the name the
 * shop will see, and joins with their own WeChat identity; the invite is used up.
 */
function StaffJoinPage() {
  const { params } = useRouter()
  const [code, setCode] = useState(params.code ?? '')
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<{ code?: string; name?: string }>({})
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ code: string; message: string } | null>(null)
  const [joined, setJoined] = useState<{ name: string; shops: Membership[] } | null>(null)

  const join = async () => {
    const c = readInviteCode(code)
    const n = name.trim()
    const errs: { code?: string; name?: string } = {}
    if (!c) errs.code = '邀请码是 6 到 16 位字母和数字，请核对'
    if (!n) errs.name = '请填写你的名字，店主和同事会看到'
    else if (Array.from(n).length > 20) errs.name = '名字最多 20 个字'
    setErrors(errs)
    if (!c || errs.name) return
    setBusy(true)
    setFailure(null)
    try {
      const before = await getMe().catch(() => null)
      const member = await acceptInvite(c, n)
      const after = await getMe().catch(() => null)
      const fresh = after?.memberships.filter((m) => !before?.memberships.some((b) => b.shopId === m.shopId && b.role === m.role)) ?? []
      setJoined({ name: member.name, shops: fresh })
    } catch (e) {
      const err = toApiError(e)
      setFailure({ code: err.code, message: err.message })
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      const c = readInviteCode(res.result)
      if (c) setCode(c)
      else void Taro.showToast({ title: '这不是团卡的店员邀请码', icon: 'none' })
    } catch {
      // cancelled
    }
  }

  if (joined) {
    const shop = joined.shops[0]
    return (
      <View className='page'>
        <View className='so-join__done'>
          <View className='so-join__tick'>✓</View>
          <Text className='so-join__title'>{shop ? `已加入「${shop.shopName}」` : '已加入店铺'}</Text>
          <Text className='so-join__desc'>
            {joined.name}，你现在是{shop ? roleName(shop.role) : '店员'}了。顾客到店出示券码时，在「我的 → 工作台 → 核销券码」扫码核销。
          </Text>
          <View className='so-join__go'>
            <Button size='lg' onClick={() => void Taro.redirectTo({ url: '/staff/verify/index' })}>
              去核销券码
            </Button>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className='page'>
      <Card title='加入店铺，成为店员'>
        <Text className='st-note so-join__intro'>店主邀请你用自己的微信加入店铺。加入后可以扫码核销顾客的券码、查看本店经营数据。</Text>
        <TextField label='邀请码' value={code} onChange={setCode} placeholder='店主给你的邀请码' maxlength={40} error={errors.code} />
        {CAN_SCAN && (
          <Text className='so-add' onClick={() => void scan()}>
            扫描店主的邀请二维码
          </Text>
        )}
        <TextField label='你的名字' value={name} onChange={setName} placeholder='如：小周' maxlength={20} error={errors.name} hint='店主和同事在核销记录里会看到这个名字' />
        {failure && (
          <View className='so-error'>
            <Text>
              {failure.message}
              {failure.code === 'INVITE_INVALID' ? '。邀请码 24 小时内有效且只能用一次，请让店主重新邀请。' : ''}
            </Text>
          </View>
        )}
        <View className='so-join__go'>
          {failure?.code === 'ALREADY_MEMBER' ? (
            <Button block size='lg' onClick={() => void Taro.redirectTo({ url: '/staff/verify/index' })}>
              去核销券码
            </Button>
          ) : (
            <Button block size='lg' disabled={busy} onClick={() => void join()}>
              {busy ? '正在加入…' : '加入店铺'}
            </Button>
          )}
        </View>
      </Card>
    </View>
  )
}

export default withH5Bar(StaffJoinPage, '加入店铺', '/pages/me/index')
