import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import type { Me } from '@core/contracts/views'
import { RoleGate, roleName } from '@/features/me'
import { CodeBar, LastResult, PendingList, PreviewCard, RecentList } from '@/features/staff/verify/VerifyViews'
import { useCounter } from '@/features/staff/verify/useCounter'
import { PageState, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/verify/verify.css'

const CAN_SCAN = process.env.TARO_ENV === 'weapp'

/**
 * 核销 (staff sub-package): scan or type a code, see what it is, confirm one or several codes of the order, undo
 * within 10 minutes. Confirmations that cannot reach the server wait in 待同步 and are retried with their key.
 */
function StaffVerifyPage() {
  return (
    <View className='page'>
      <RoleGate area='staff'>{(me) => <Counter me={me} />}</RoleGate>
    </View>
  )
}

function Counter({ me }: { me: Me }) {
  const counter = useCounter(me.openid ?? 'anonymous')
  const [text, setText] = useState('')
  const [focus, setFocus] = useState(true)

  useDidShow(() => {
    void counter.retry()
  })

  // Typing (or a USB scanner, which types) keeps the input focused for the next code; after the phone camera the
  // keyboard stays down so the card is visible.
  const typed = useRef(true)
  const refocus = () => {
    if (!typed.current) return
    setFocus(false)
    setTimeout(() => setFocus(true), 0)
  }

  const submit = useCallback(
    async (raw?: string) => {
      typed.current = raw === undefined
      const value = raw ?? text
      const found = await counter.lookUp(value)
      if (found) setText('')
      refocus()
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text, counter],
  )

  const scan = async () => {
    if (!CAN_SCAN) {
      // Browsers cannot open the WeChat scanner: type the code (a USB/Bluetooth scanner types it too).
      refocus()
      void Taro.showToast({ title: '浏览器中请直接输入券码', icon: 'none' })
      return
    }
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      if (!res.result) throw new Error('nothing read')
      await submit(res.result)
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? '')
      if (!/cancel/i.test(msg)) void Taro.showToast({ title: '没有识别到券码，请重试或手动输入', icon: 'none' })
    }
  }

  const confirm = async () => {
    await counter.confirm()
    refocus()
  }

  const lookup = counter.lookup
  const shops = me.memberships.map((m) => `${m.shopName} · ${roleName(m.role)}`).join('，')
  return (
    <View>
      <Text className='sv-who'>{shops}</Text>
      {counter.limitedText && <View className='st-banner st-banner--error'>{counter.limitedText}</View>}
      {counter.syncNotice && (
        <View className='st-banner st-banner--ok' onClick={counter.dismissSyncNotice}>
          {counter.syncNotice}
        </View>
      )}
      <CodeBar
        value={text}
        onChange={setText}
        onSubmit={() => void submit()}
        onScan={() => void scan()}
        focus={focus}
        onBlur={() => setFocus(false)}
        busy={lookup.kind === 'loading'}
        scanLabel='扫码核销'
      />
      {lookup.kind === 'invalid' && <Text className='sv-invalid'>{lookup.message}</Text>}
      {lookup.kind === 'loading' && <PageState kind='loading' skeleton='rows' label='正在查询券码…' />}
      {lookup.kind === 'error' && (
        <View className='st-banner st-banner--error'>
          <Text>{lookup.message}</Text>
        </View>
      )}
      <PreviewCard counter={counter} onConfirm={() => void confirm()} />
      <LastResult counter={counter} />
      <PendingList counter={counter} />
      <RecentList counter={counter} />
      {lookup.kind === 'idle' && !counter.last && counter.results.length === 0 && counter.pending.length === 0 && (
        <Text className='st-note'>顾客出示券码后扫码或输入券码，确认无误再核销。核销后 10 分钟内可以撤销。</Text>
      )}
    </View>
  )
}

export default withH5Bar(StaffVerifyPage, '核销券码', '/pages/me/index')
