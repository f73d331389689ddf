import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { formatCode } from '@core/codes/redemption-code'
import type { RedemptionRecord, RedemptionRecordWithoutPrice } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { toApiError } from '@/shared/api'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button, PageState } from '@/shared/ui'
import { redemptionHistory, undoRedemption } from '../api/redemption'
import { addDays, chinaDay, dayLabel } from '../model/chinaTime'
import { clockOrDate } from '../model/outcome'
import { Card, Chip, DayPicker } from '../components/Fields'
import './dashboard.css'

/** 核销记录: the shop's redemptions, newest first, by day and by staff member; recent ones can be undone. */
export function HistoryCard({ shopId, earliestDay }: { shopId: string; earliestDay: string }) {
  const today = chinaDay(Date.now())
  const [day, setDay] = useState<string>(today)
  const [staff, setStaff] = useState<string>('')
  const [undoing, setUndoing] = useState<string | null>(null)
  const history = useRemote(() => redemptionHistory(shopId, { day: day || undefined, staff: staff || undefined }), [shopId, day, staff])
  const now = Date.now()
  const staffList = history.data?.staff ?? []
  const year = today.slice(0, 4)

  const undo = async (code: string) => {
    const ok = await Taro.showModal({ title: '撤销核销', content: `券码 ${formatCode(code)} 将恢复为待使用，顾客可以再次使用或退款。确定撤销吗？`, confirmText: '撤销', cancelText: '不撤销' })
    if (!ok.confirm) return
    setUndoing(code)
    try {
      await undoRedemption(code)
      void Taro.showToast({ title: '已撤销核销', icon: 'success' })
      await history.reload()
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none' })
    } finally {
      setUndoing(null)
    }
  }

  const items: (RedemptionRecord | RedemptionRecordWithoutPrice)[] = history.data?.items ?? []
  // Staff the owner keeps the money from get no prices: the count alone, no ¥.
  const priced = items.every((i) => 'unitPriceFen' in i)
  const total = items.reduce((a, i) => a + ('unitPriceFen' in i ? i.unitPriceFen : 0), 0)
  return (
    <Card title='核销记录' className='sd-history'>
      <View className='sd-filter'>
        <Text className='sd-filter__label'>日期</Text>
        <View className='st-chips'>
          <Chip on={day === today} onClick={() => setDay(today)}>
            今天
          </Chip>
          <Chip on={day === addDays(today, -1)} onClick={() => setDay(addDays(today, -1))}>
            昨天
          </Chip>
          <Chip on={day === ''} onClick={() => setDay('')}>
            全部
          </Chip>
          <DayPicker value={day && day !== today && day !== addDays(today, -1) ? day : ''} start={earliestDay} end={today} onChange={setDay} placeholder='选日期' />
        </View>
      </View>
      {staffList.length > 1 && (
        <View className='sd-filter'>
          <Text className='sd-filter__label'>店员</Text>
          <View className='st-chips'>
            <Chip on={staff === ''} onClick={() => setStaff('')}>
              全部
            </Chip>
            {staffList.map((s) => (
              <Chip key={s.openid} on={staff === s.openid} onClick={() => setStaff(s.openid)}>
                {s.name}
              </Chip>
            ))}
          </View>
        </View>
      )}
      {history.data === null && history.loading && <PageState kind='loading' skeleton='rows' />}
      {history.error && <PageState kind='error' message={history.error.message} onRetry={() => void history.reload()} />}
      {history.data && !history.error && items.length === 0 && (
        <Text className='sd-empty'>{day ? `${dayLabel(day, year)}没有核销记录` : '还没有核销记录'}</Text>
      )}
      {items.length > 0 && !history.error && (
        <View>
          <Text className='sd-sum'>
            共 {items.length} 张{priced ? ` · ¥${formatYuan(total)}` : ''}
          </Text>
          {items.map((i) => (
            <View key={`${i.code}-${i.redeemedAt}`} className='sd-record'>
              <View className='sd-record__main'>
                <Text className='sd-record__title'>{i.dealTitle || '团购券'}</Text>
                <Text className='sd-record__meta'>
                  {formatCode(i.code)} · {clockOrDate(i.redeemedAt, now)} · {i.staffName}
                </Text>
              </View>
              <View className='sd-record__side'>
                {'unitPriceFen' in i && <Text className='sd-record__price'>¥{formatYuan(i.unitPriceFen)}</Text>}
                {i.undoable && (
                  <Button size='sm' variant='ghost' disabled={undoing === i.code} onClick={() => void undo(i.code)}>
                    撤销
                  </Button>
                )}
              </View>
            </View>
          ))}
        </View>
      )}
    </Card>
  )
}
