import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { DayStats } from '@core/contracts/views'
import { dayLabel } from '../model/chinaTime'
import { barsOf, statTiles, type Metric } from '../model/stats'
import { Chip } from './Fields'
import './staff.css'

/** Four counts of a period: 订单, 售出, 核销, 退款. */
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
 * One bar per China day drawn with Views, scaled to the day furthest from zero (a negative day is drawn in another
 * colour). Tapping a bar shows that day; the chips switch what is drawn; `detail` adds a line about the picked day.
 */
export function DailyChart<T extends { day: string }>({ days, metrics, year, detail }: { days: T[]; metrics: Metric<T>[]; year: string; detail?: (d: T) => ReactNode }) {
  const [metricKey, setMetricKey] = useState(metrics[0].key)
  const [picked, setPicked] = useState<string | null>(null)
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics[0]
  if (days.length === 0) return null
  const { bars, max } = barsOf(days, metric)
  const selected = days.find((d) => d.day === picked) ?? days[days.length - 1]
  return (
    <View className='st-chart'>
      <View className='st-chips'>
        {metrics.map((m) => (
          <Chip key={m.key} on={m.key === metric.key} onClick={() => setMetricKey(m.key)}>
            {m.label}
          </Chip>
        ))}
      </View>
      <View className='st-chart__picked'>
        <Text className='st-chart__picked-day'>{dayLabel(selected.day, year)}</Text>
        <Text className='st-chart__picked-value'>{metric.text(metric.value(selected))}</Text>
        <Text className='st-chart__max'>最高 {metric.text(max)}</Text>
      </View>
      {detail && <View className='st-chart__detail'>{detail(selected)}</View>}
      <View className='st-chart__plot'>
        {bars.map((b) => (
          <View
            key={b.day}
            className={`st-chart__col${b.day === selected.day ? ' st-chart__col--on' : ''}${b.negative ? ' st-chart__col--neg' : ''}`}
            onClick={() => setPicked(b.day)}
            data-day={b.day}
            data-value={b.value}
          >
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
