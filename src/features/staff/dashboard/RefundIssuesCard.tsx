import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RefundIssue, RefundRequery } from '@core/contracts/views'
import { toApiError } from '@/shared/api'
import { formatRefNo } from '@/shared/format/refNo'
import { formatDateTime } from '@/shared/format/time'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button } from '@/shared/ui'
import { getRefundIssues, retryRefund } from '../api/shop'
import { Card } from '../components/Fields'
import { yuanText } from '../model/stats'
import './dashboard.css'

const OUTCOME: Record<RefundRequery['status'], string> = {
  succeeded: '已退款成功',
  abnormal: '微信支付仍显示退款异常，请先在商户平台处理',
  processing: '微信支付正在处理，稍后会自动更新',
  requested: '退款已重新提交，稍后会自动更新',
}

/**
 * 退款异常 (owners): refunds WeChat Pay could not return. Shown only when there are any; the owner fixes each in WeChat
 * Pay's merchant platform and 重新查询 asks WeChat at once instead of waiting for the next automatic retry.
 */
export function RefundIssuesCard({ shopId }: { shopId: string }) {
  const issues = useRemote<RefundIssue[]>(() => getRefundIssues(shopId), [shopId])
  const [busy, setBusy] = useState<string | null>(null)
  const [said, setSaid] = useState<{ refundNo: string; text: string; bad: boolean } | null>(null)
  const list = issues.data ?? []

  const requery = async (refundNo: string) => {
    if (busy) return
    setBusy(refundNo)
    setSaid(null)
    try {
      const r = await retryRefund(shopId, refundNo)
      setSaid({ refundNo, text: OUTCOME[r.status], bad: r.status === 'abnormal' })
      if (r.status !== 'abnormal') await issues.reload()
    } catch (e) {
      setSaid({ refundNo, text: toApiError(e).message, bad: true })
    } finally {
      setBusy(null)
    }
  }

  if (issues.error && !issues.data) {
    return (
      <Card title='退款异常' className='sd-refund-issues'>
        <Text className='sd-export__error'>退款异常加载失败：{issues.error.message}</Text>
        <Button size='sm' onClick={() => void issues.reload()}>重试</Button>
      </Card>
    )
  }
  const done = said && !list.some((i) => i.refundNo === said.refundNo) ? said : null
  if (list.length === 0 && !done) return null
  return (
    <Card title={`退款异常 · ${list.length} 笔`} className='sd-refund-issues'>
      <Text className='sd-export__hint'>以下退款未能原路退回。请在微信支付商户平台处理退款异常（如退款至商户余额或线下退款）后点「重新查询」。</Text>
      {list.map((i) => (
        <View key={i.refundNo} className='sd-refund-issue'>
          <Text className='sd-refund-issue__title'>{i.dealTitle}</Text>
          <Text className='sd-refund-issue__fact'>订单号 {formatRefNo(i.orderId)}</Text>
          <Text className='sd-refund-issue__fact'>退款金额 {yuanText(i.refundFen)} · 异常自 {formatDateTime(i.since)}</Text>
          {said?.refundNo === i.refundNo && <Text className={said.bad ? 'sd-export__error' : 'sd-export__done'}>{said.text}</Text>}
          <Button size='sm' disabled={busy !== null} onClick={() => void requery(i.refundNo)}>
            {busy === i.refundNo ? '正在查询…' : '重新查询'}
          </Button>
        </View>
      ))}
      {done && <Text className={done.bad ? 'sd-export__error' : 'sd-export__done'}>{done.text}</Text>}
    </Card>
  )
}
