import { Button as NativeButton, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { InviteView, MemberView } from '@core/contracts/views'
import { roleName } from '@/features/me'
import { inviteStaff, listMembers, removeStaff } from '@/features/staff/api/shop'
import { Card } from '@/features/staff/components/Fields'
import { QrCode } from '@/features/staff/components/QrCode'
import { StaffArea, type StaffContext } from '@/features/staff/components/StaffArea'
import { inviteLink, spacedInviteCode } from '@/features/staff/model/invite'
import { toApiError } from '@/shared/api'
import { formatDate, formatDateTime, formatDuration } from '@/shared/format'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button, PageState, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/owner/owner.css'

/** 店员管理 (owners): who works here, 邀请店员 (one-time code, text and QR, 24 hours), remove staff. */
function StaffMembersPage() {
  // The share card of the page carries the current invite (weapp: 发给店员).
  const invite = useRef<InviteView | null>(null)
  useShareAppMessage(() => {
    const i = invite.current
    if (!i) return { title: '团卡店铺工作台', path: '/pages/index/index' }
    return { title: '邀请你加入店铺，成为店员', path: `/staff/join/index?code=${i.code}` }
  })
  return (
    <View className='page'>
      <StaffArea ownerOnly>{(ctx) => <Members key={ctx.shop.shopId} ctx={ctx} onInvite={(i) => (invite.current = i)} />}</StaffArea>
    </View>
  )
}

function h5Origin(): string | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null
  return `${window.location.origin}${window.location.pathname.replace(/\/$/, '')}`
}

function Members({ ctx, onInvite }: { ctx: StaffContext; onInvite: (i: InviteView) => void }) {
  const shopId = ctx.shop.shopId
  const members = useRemote(() => listMembers(shopId), [shopId])
  const [list, setList] = useState<MemberView[] | null>(null)
  const [invite, setInvite] = useState<InviteView | null>(null)
  const [inviteError, setInviteError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const shown = list ?? members.data

  const createInvite = async () => {
    setBusy('invite')
    setInviteError(null)
    try {
      const i = await inviteStaff(shopId)
      setInvite(i)
      onInvite(i)
    } catch (e) {
      setInviteError(toApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const remove = async (m: MemberView) => {
    const ok = await Taro.showModal({
      title: '移除店员',
      content: `移除后「${m.name}」将不能再核销和查看本店数据，已完成的核销记录会保留。确定移除吗？`,
      confirmText: '移除',
      confirmColor: '#d93025',
      cancelText: '取消',
    })
    if (!ok.confirm) return
    setBusy(m.openid)
    try {
      setList(await removeStaff(shopId, m.openid))
      void Taro.showToast({ title: `已移除${m.name}`, icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const copy = (text: string) => void Taro.setClipboardData({ data: text })

  return (
    <View>
      <Card title='邀请店员'>
        {!invite && (
          <View>
            <Text className='st-note so-invite__intro'>生成一次性邀请码，新店员用自己的微信打开、填写名字即可加入。邀请码 24 小时内有效，只能用一次。</Text>
            {inviteError && <Text className='so-error'>{inviteError}</Text>}
            <View className='so-invite__actions'>
              <Button disabled={busy !== null} onClick={() => void createInvite()}>
                {busy === 'invite' ? '正在生成…' : '生成邀请码'}
              </Button>
            </View>
          </View>
        )}
        {invite && <InviteShow invite={invite} onCopy={copy} onAnother={() => void createInvite()} busy={busy === 'invite'} />}
      </Card>

      <Card title={shown ? `店铺成员（${shown.length}）` : '店铺成员'}>
        {shown === null && members.loading && <PageState kind='loading' skeleton='rows' />}
        {shown === null && !members.loading && members.error && <PageState kind='error' message={members.error.message} onRetry={() => void members.reload()} />}
        {shown && shown.length === 1 && <Text className='st-muted'>还没有店员。邀请店员后，他们就能在柜台核销券码。</Text>}
        {shown?.map((m) => (
          <View key={m.openid} className='so-member'>
            <View className='so-member__avatar'>{Array.from(m.name)[0] ?? '员'}</View>
            <View className='so-member__body'>
              <View className='st-row'>
                <Text className='so-member__name'>{m.name}</Text>
                <Text className={`st-badge st-badge--${m.role} so-member__role`}>{roleName(m.role)}</Text>
                {m.openid === ctx.me.openid && <Text className='st-muted'>（我）</Text>}
              </View>
              <Text className='so-member__meta'>{formatDate(m.joinedAt)} 加入</Text>
            </View>
            {m.role === 'staff' && (
              <Button size='sm' variant='ghost' disabled={busy !== null} onClick={() => void remove(m)}>
                {busy === m.openid ? '移除中' : '移除'}
              </Button>
            )}
          </View>
        ))}
      </Card>
    </View>
  )
}

function InviteShow({ invite, onCopy, onAnother, busy }: { invite: InviteView; onCopy: (text: string) => void; onAnother: () => void; busy: boolean }) {
  const link = inviteLink(invite.code, h5Origin())
  const left = invite.expiresAt - Date.now()
  return (
    <View className='so-invite'>
      <Text className='st-muted'>邀请码</Text>
      <Text className='so-invite__code'>{spacedInviteCode(invite.code)}</Text>
      <Text className='so-invite__expiry'>
        {left > 0 ? `${formatDuration(left)}内有效（至 ${formatDateTime(invite.expiresAt)}），只能使用一次` : '已过期，请重新生成'}
      </Text>
      <View className='so-invite__qr'>
        <QrCode text={link} />
      </View>
      <Text className='so-invite__how'>
        {process.env.TARO_ENV === 'h5' ? '请新店员用手机扫码打开，填写名字后加入。' : '点「发给店员」把邀请发到微信，或让新店员在加入页扫码、输入邀请码。'}
      </Text>
      <View className='so-invite__actions'>
        {process.env.TARO_ENV === 'weapp' && (
          <NativeButton className='so-share' openType='share'>
            发给店员
          </NativeButton>
        )}
        <Button variant='secondary' onClick={() => onCopy(process.env.TARO_ENV === 'h5' ? link : invite.code)}>
          {process.env.TARO_ENV === 'h5' ? '复制邀请链接' : '复制邀请码'}
        </Button>
        <Button variant='ghost' disabled={busy} onClick={onAnother}>
          换一个
        </Button>
      </View>
    </View>
  )
}

export default withH5Bar(StaffMembersPage, '店员管理', '/pages/me/index')
