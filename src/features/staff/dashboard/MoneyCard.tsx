import { Text, View } from '@tarojs/components'
import type { DashboardMoney, DayMoney, MoneyTotals } from '@core/contracts/views'
import { dayLabel } from '../model/chinaTime'
import { MONEY_METRICS, yuanText } from '../model/stats'
import { Card } from '../components/Fields'
import { DailyChart } from '../components/Stats'
import './dashboard.css'

/** 收入 − 退款 = 净收入 of a period, written as the sum it is. */
function Receipt({ title, m, className }: { title: string; m: MoneyTotals; className: string }) {
  return (
    <View className={`sd-receipt ${className}`}>
      <Text className='sd-receipt__title'>{title}</Text>
      <View className='sd-receipt__row'>
        <Text className='sd-receipt__label'>收入</Text>
        <Text className='sd-receipt__value sd-gross'>{yuanText(m.grossFen)}</Text>
      </View>
      <View className='sd-receipt__row'>
        <Text className='sd-receipt__label'>退款</Text>
        <Text className='sd-receipt__value sd-refunded'>{yuanText(-m.refundedFen)}</Text>
      </View>
      <View className='sd-receipt__row sd-receipt__row--net'>
        <Text className='sd-receipt__label'>净收入</Text>
        <Text className={`sd-receipt__value sd-net${m.netFen < 0 ? ' sd-net--neg' : ''}`}>{yuanText(m.netFen)}</Text>
      </View>
    </View>
  )
}

const dayDetail = (d: DayMoney) => (
  <Text className='sd-money__day'>
    收入 {yuanText(d.grossFen)} − 退款 {yuanText(d.refundedFen)} = 净收入 {yuanText(d.netFen)}
  </Text>
)

/**
 * 收入与退款: the shop's money, kept in one card apart from the counts. The same definitions and facts as the
 * settlement export (core/shops/money), so 近 30 天 here equals the 合计 of the export of the same days.
 */
export function MoneyCard({ money, year }: { money: DashboardMoney; year: string }) {
  return (
    <Card title='收入与退款' extra={<Text className='sd-period-title'>按北京时间统计</Text>} className='sd-money'>
      <View className='sd-receipts'>
        <Receipt title={`今日 · ${dayLabel(money.today.day, year)}`} m={money.today} className='sd-receipt--today' />
        <Receipt title='近 30 天' m={money.last30} className='sd-receipt--period' />
      </View>
      <Text className='sd-money__hint'>
        收入按顾客付款日、退款按退回日计（含以前的订单）。净收入 = 收入 − 退款，与同期对账单的合计一致；推广佣金另列在对账单中。
      </Text>
      <View className='st-gap' />
      <DailyChart days={money.daily} metrics={MONEY_METRICS} year={year} detail={dayDetail} />
    </Card>
  )
}
