import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { OrderView } from '@core/contracts/views'
import { toApiError } from '@/shared/api/errors'
import { Button } from '@/shared/ui'
import { confirmReceipt } from '../api/confirmReceipt'

type OpenBusinessView = (o: { businessType: string; extraData: Record<string, string>; success?: (r: { extraData?: { status?: string } }) => void; fail?: () => void }) => void

/**
 * 确认收货 where WeChat asks for it: the order's shipping info is with WeChat and the buyer has not confirmed yet.
 * WeChat's own component (wx.openBusinessView weappOrderConfirm, base library ≥ 2.6.0) does the confirming; its
 * answer is then checked by the function with WeChat. h5 has no such component: a short note stands in.
 */
export function ConfirmReceipt({ order, onDone }: { order: OrderView; onDone: (v: OrderView) => void }) {
  const [busy, setBusy] = useState(false)
  const r = order.receipt
  if (!r || r.confirmed) return null
  if (process.env.TARO_ENV !== 'weapp') {
    return (
      <View className='order-receipt'>
        <Text className='order-receipt__note'>券码已发放。在微信小程序中打开本订单可确认收货</Text>
      </View>
    )
  }
  const open = () => {
    const openView = (Taro as unknown as { openBusinessView?: OpenBusinessView }).openBusinessView
    if (!openView) {
      void Taro.showToast({ title: '请升级微信后确认收货', icon: 'none' })
      return
    }
    setBusy(true)
    openView({
      businessType: 'weappOrderConfirm',
      extraData: { transaction_id: r.transactionId },
      success: (res) => {
        if (res.extraData?.status !== 'success') return setBusy(false)
        confirmReceipt(order.id)
          .then((v) => {
            onDone(v)
            void Taro.showToast({ title: '已确认收货', icon: 'success' })
          })
          .catch((e) => void Taro.showToast({ title: toApiError(e).message, icon: 'none' }))
          .finally(() => setBusy(false))
      },
      fail: () => setBusy(false),
    })
  }
  return (
    <View className='order-receipt'>
      <Text className='order-receipt__note'>券码已发放，到店出示即可使用</Text>
      <Button variant='secondary' size='sm' disabled={busy} onClick={open}>
        {busy ? '确认中…' : '确认收货'}
      </Button>
    </View>
  )
}
