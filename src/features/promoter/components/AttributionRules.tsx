import { Text, View } from '@tarojs/components'
import './promoter.css'

/** How an order is attributed and when commission is paid, in plain words (the same rules the functions apply). */
export function AttributionRules() {
  return (
    <View className='pc-card pc-rules'>
      <View className='pc-card__head'>
        <Text className='pc-card__title'>佣金怎么算</Text>
      </View>
      <Rule title='以订单上的分享码为准'>顾客从你的分享卡片或海报进入并下单，订单带着你的分享码，佣金就是你的。</Rule>
      <Rule title='几天内最后一次分享'>订单没带分享码时，看顾客下单前几天内（店铺设定，默认 7 天）最后打开的是谁的分享；期间别人的分享更晚，就算别人的。</Rule>
      <Rule title='自己买不计佣金'>用自己的分享下单，默认不产生佣金（店铺另有设定的除外）。</Rule>
      <Rule title='有的店铺需要审核'>店铺开启推手审核时，审核通过之后的订单才计佣金；审核前你仍可以分享。</Rule>
      <Rule title='核销后结算，退款冲回'>每张券在顾客到店核销后结算，过了店铺设定的冻结期即可提现；券退款时对应佣金冲回，若已提现，会从之后的佣金中扣回。</Rule>
      <Rule title='只有一级'>只按你分享带来的订单计佣金，不设下级，加入免费；分享本身没有奖励。</Rule>
    </View>
  )
}

function Rule({ title, children }: { title: string; children: string }) {
  return (
    <View className='pc-rules__item'>
      <Text className='pc-rules__title'>{title}</Text>
      <Text className='pc-rules__text'>{children}</Text>
    </View>
  )
}
