import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { toApiError } from '@/shared/api'
import { Button } from '@/shared/ui'
import { exportCsv } from '../api/shop'
import { addDays, daysBetween, monthStart } from '../model/chinaTime'
import { saveCsv, type SaveResult } from '../platform/saveCsv'
import { Card, Chip, DayPicker } from '../components/Fields'
import './dashboard.css'

const MAX_DAYS = 92

export function exportPeriodProblem(from: string, to: string): string | null {
  if (!from || !to) return '请选择开始和结束日期'
  if (daysBetween(from, to) < 0) return '开始日期不能晚于结束日期'
  if (daysBetween(from, to) + 1 > MAX_DAYS) return `一次最多导出 ${MAX_DAYS} 天`
  return null
}

/**
 * 导出对账单 (owners): payments, redemptions, refunds and commissions of a period as CSV, amounts in yuan. `today` is
 * the shop's China day as the dashboard counted it, so 近 30 天 here is the dashboard's 近 30 天.
 */
export function ExportCard({ shopId, today }: { shopId: string; today: string }) {
  const [from, setFrom] = useState(monthStart(today))
  const [to, setTo] = useState(today)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<SaveResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const problem = exportPeriodProblem(from, to)
  const lastMonthEnd = addDays(monthStart(today), -1)
  const presets = [
    { label: '本月', from: monthStart(today), to: today },
    { label: '上月', from: monthStart(lastMonthEnd), to: lastMonthEnd },
    { label: '近 7 天', from: addDays(today, -6), to: today },
    { label: '近 30 天', from: addDays(today, -29), to: today },
  ]

  const run = async () => {
    if (problem || busy) return
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      const { filename, csv } = await exportCsv(shopId, from, to)
      setDone(await saveCsv(filename, csv))
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title='导出对账单' className='sd-export'>
      <View className='st-chips'>
        {presets.map((p) => (
          <Chip key={p.label} on={p.from === from && p.to === to} onClick={() => { setFrom(p.from); setTo(p.to); setDone(null) }}>
            {p.label}
          </Chip>
        ))}
      </View>
      <View className='sd-period'>
        <DayPicker value={from} end={today} onChange={(d) => { setFrom(d); setDone(null) }} />
        <Text className='sd-period__to'>至</Text>
        <DayPicker value={to} end={today} onChange={(d) => { setTo(d); setDone(null) }} />
      </View>
      <Text className='sd-export__hint'>每笔支付、核销、退款和推广佣金一行，注明团购；金额单位为元，可直接求和。合计的收入、退款、净收入与上方同期数字一致（北京时间）。</Text>
      {problem && <Text className='sd-export__error'>{problem}</Text>}
      {error && <Text className='sd-export__error'>{error}</Text>}
      {done && (
        <Text className='sd-export__done'>
          {done.kind === 'downloaded' && `已下载 ${done.filename}`}
          {done.kind === 'opened' && `已打开 ${done.filename}，可从右上角菜单转发或保存`}
          {done.kind === 'copied' && '无法直接打开文件，已把对账单内容复制到剪贴板，可粘贴到电脑表格中'}
        </Text>
      )}
      <View className='sd-export__go'>
        <Button block disabled={!!problem || busy} onClick={() => void run()}>
          {busy ? '正在导出…' : '导出对账单'}
        </Button>
      </View>
    </Card>
  )
}
