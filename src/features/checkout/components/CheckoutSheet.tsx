import { Image, Input, Text, View } from '@tarojs/components'
import type { DealDetail } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { mediaUrl } from '@/shared/api/media'
import { buyAction } from '@/features/deals/model/saleState'
import { Button, Price } from '@/shared/ui'
import { cleanNickname, maskedPreview } from '../model/contact'
import { boundHint } from '../model/quantity'
import type { Checkout } from '../model/useCheckout'
import { QtyStepper } from './QtyStepper'
import './checkout.css'

/**
 * The checkout sheet over the deal page: quantity (per-user limit, stock, 20 a order), an optional nickname for the
 * 接龙 (shown masked) and contact phone, the total, and one button that places the order and opens the payment.
 */
export function CheckoutSheet({ deal, checkout }: { deal: DealDetail; checkout: Checkout }) {
  const c = checkout
  const busy = c.step !== 'idle'
  const totalFen = deal.priceFen * c.qty
  const cover = deal.images[0] ?? deal.cover
  const nick = cleanNickname(c.nickname)
  // After a refusal the deal is read again: a deal no longer on sale says why (已售罄, 已暂停, 已结束 …).
  const blocked = deal.saleState !== 'on_sale' ? buyAction(deal.saleState).label : c.max < 1 ? '已售罄' : null
  const label =
    c.step === 'placing'
      ? '正在下单…'
      : c.step === 'paying'
        ? '等待支付…'
        : blocked ?? `${c.pendingOrder && c.pendingOrder.qty === c.qty ? '继续支付' : '立即支付'} ¥${formatYuan(totalFen)}`
  return (
    <View className='ck-mask' catchMove onClick={c.close}>
      <View className='ck-sheet' role='dialog' ariaLabel='确认订单' onClick={(e) => e.stopPropagation()}>
        <View className='ck-sheet__head'>
          {cover ? <Image className='ck-sheet__cover' src={mediaUrl(cover)} mode='aspectFill' /> : <View className='ck-sheet__cover' />}
          <View className='ck-sheet__title-box'>
            <Text className='ck-sheet__title'>{deal.title}</Text>
            <Price fen={deal.priceFen} size='sm' />
          </View>
          <View className={`ck-sheet__close${busy ? ' ck-sheet__close--off' : ''}`} ariaLabel='关闭' onClick={c.close}>
            ×
          </View>
        </View>

        <View className='ck-row'>
          <View className='ck-row__label'>
            <Text className='ck-row__name'>购买数量</Text>
            <Text className={`ck-row__hint${c.qty >= c.max ? ' ck-row__hint--bound' : ''}`}>{boundHint(c.max, c.bound)}</Text>
          </View>
          <QtyStepper value={c.qty} max={c.max} onChange={c.setQty} disabled={busy} />
        </View>

        <View className='ck-field'>
          <Text className='ck-field__name'>接龙昵称</Text>
          <Input
            className='ck-field__input ck-nickname'
            value={c.nickname}
            maxlength={20}
            placeholder='选填，接龙里只显示第一个字'
            placeholderClass='ck-field__placeholder'
            disabled={busy}
            onInput={(e) => c.setNickname(e.detail.value)}
          />
        </View>
        {nick && <Text className='ck-field__note'>接龙中显示为「{maskedPreview(nick)}」</Text>}
        <View className='ck-field'>
          <Text className='ck-field__name'>联系电话</Text>
          <Input
            className='ck-field__input ck-phone'
            type='number'
            value={c.phone}
            maxlength={11}
            placeholder='选填，方便商家联系你'
            placeholderClass='ck-field__placeholder'
            disabled={busy}
            onInput={(e) => c.setPhone(e.detail.value)}
          />
        </View>
        {c.phoneError && <Text className='ck-error'>{c.phoneError}</Text>}

        <View className='ck-promise'>
          {deal.refundAnytime && <Text className='ck-promise__item'>随时退</Text>}
          {deal.refundOnExpiry && <Text className='ck-promise__item'>过期自动退</Text>}
          {deal.group && deal.group.status === 'forming' && <Text className='ck-promise__item'>未成团全额退款</Text>}
        </View>

        {c.error && <Text className='ck-error ck-error--block'>{c.error}</Text>}
        {!c.error && c.note && <Text className='ck-note'>{c.note}</Text>}

        <View className='ck-sheet__foot'>
          <View className='ck-total'>
            <Text className='ck-total__label'>合计</Text>
            <Price fen={totalFen} size='md' />
          </View>
          <View className='ck-submit'>
            <Button size='lg' block disabled={busy || blocked !== null} onClick={() => void c.submit()}>
              {label}
            </Button>
          </View>
        </View>
      </View>
    </View>
  )
}
