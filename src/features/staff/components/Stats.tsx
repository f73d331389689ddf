import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { DayStats } from '@core/contracts/views'
import { chinaDay, dayLabel } from '../model/chinaTime'
import { barsOf, metricText, METRICS, statTiles, type Metric } from '../model/stats'
import { Chip } from './Fields'
import './staff.css'

/** Five numbers of a period: 订单, 售出, 收入, 核销, 退款. */
export function StatGrid({ stats }: { stats: DayStats }) {
  return (
    <View className='st-stats'>
      {statTiles(stats).map((t) => (
        <View key={t.label} className='st-stats__tile'>
          <Text className='st-stats__value'>{t.value}</Text>
          <Text className='st-stats__label'>
            {t.label}
            {t.hint ? `（${t.hint}）` : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}

/**
 * 30 bars drawn with Views, one per China day, scaled to the busiest day. Tapping a bar shows that day; the
 * metric chips switch what is drawn.
 */
export function DailyChart({ days }: { days: DayStats[] }) {
  const [metric, setMetric] = useState<Metric>('revenueFen')
  const [picked, setPicked] = useState<string | null>(null)
  const { bars, max } = barsOf(days, metric)
  const selected = days.find((d) => d.day === picked) ?? days[days.length - 1]
  const year = chinaDay(Date.now()).slice(0, 4)
  if (days.length === 0) return null
  return (
    <View className='st-chart'>
      <View className='st-chips'>
        {METRICS.map((m) => (
          <Chip key={m.key} on={m.key === metric} onClick={() => setMetric(m.key)}>
            {m.label}
          </Chip>
        ))}
      </View>
      <View className='st-chart__picked'>
        <Text className='st-chart__picked-day'>{dayLabel(selected.day, year)}</Text>
        <Text className='st-chart__picked-value'>{metricText(metric, selected)}</Text>
        <Text className='st-chart__max'>最高 {metricText(metric, { ...selected, [metric]: max } as DayStats)}</Text>
      </View>
      <View className='st-chart__plot'>
        {bars.map((b) => (
          <View key={b.day} className={`st-chart__col${b.day === selected.day ? ' st-chart__col--on' : ''}`} onClick={() => setPicked(b.day)} data-day={b.day} data-value={b.value}>
            <View className='st-chart__bar' style={{ height: `${b.heightPct}%` }} />
          </View>
        ))}
      </View>
      <View className='st-chart__axis'>
        <Text>{dayLabel(days[0].day, year)}</Text>
        <Text>今天</Text>
      </View>
    </View>
  )
}
