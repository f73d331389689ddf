import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { OrderView, ShopBrief } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { unusedCodesNote } from '@core/orders/code-counts'
import { usePayment } from '@/features/checkout'
import { ShopCard, dealPath, usePageVisible } from '@/features/deals'
import { OrderGroupInvite, useInviteShare } from '@/features/group'
import { CodeList, ConfirmReceipt, OrderTimeline, cancelOrder, moneyLines, orderStateLabel, orderStateNote, stateTone, useOrder, useRefund } from '@/features/orders'
import { mediaUrl } from '@/shared/api/media'
import { toApiError } from '@/shared/api/errors'
import { formatRefNo } from '@/shared/format/refNo'
import { formatDateRange, formatDateTime, formatDuration } from '@/shared/format/time'
import { Badge, Button, PageState, withH5Bar } from '@/shared/ui'
import '@/features/deals/components/DealDetail.css'
import '@/features/orders/components/orders.css'

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/

/** 订单详情: /pages/order/index?id=<orderId> — state, codes (QR + text), amounts, shop, timeline, pay and refund. */
function OrderPage() {
  const router = useRouter()
  const id = useMemo(() => {
    const raw = router.params.id ?? ''
    return ID_RE.test(raw) ? raw : null
  }, [router.params.id])
  const o = useOrder(id)
  const visible = usePageVisible(() => void o.reload())
  useInviteShare(o.order)

  usePullDownRefresh(() => {
    void o.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!o.order && o.loading) return <PageState kind='loading' skeleton='detail' />
  if (!o.order) {
    if (!o.error || o.error.code === 'ORDER_NOT_FOUND') {
      return (
        <PageState
          kind='empty'
          icon='?'
          title='订单不存在'
          description='换个身份登录的订单看不到，可以在「订单」里找找'
          actionLabel='查看我的订单'
          onAction={() => void Taro.switchTab({ url: '/pages/orders/index' })}
        />
      )
    }
    return <PageState kind='error' message={o.error.message} onRetry={() => void o.reload()} />
  }
  return <OrderDetail order={o.order} shop={o.shop} offlineSavedAt={o.offlineSavedAt} visible={visible} reload={o.reload} replace={o.replace} />
}

function OrderDetail({
  order,
  shop,
  offlineSavedAt,
  visible,
  reload,
  replace,
}: {
  order: OrderView
  shop: ShopBrief | null
  offlineSavedAt: number | null
  visible: boolean
  reload: () => Promise<void>
  replace: (v: OrderView) => void
}) {
  const offline = offlineSavedAt !== null
  // The server's clock: the device's may be off (an offline copy uses the device's).
  const skew = useMemo(() => (offline ? 0 : order.serverTime - Date.now()), [order, offline])
  const now = Date.now() + skew
  const refund = useRefund(order, replace, () => void reload())
  const payment = usePayment()
  const [paying, setPaying] = useState(false)
  const pending = order.state === 'pending_payment'
  const left = useCountdown(pending && visible ? order.payBefore : null, skew)

  // A refund in flight (退款中) settles in the background: look again until it has.
  const refunding = order.codes.some((c) => c.state === 'refunding')
  useEffect(() => {
    if (!refunding || offline || !visible) return undefined
    const t = setTimeout(() => void reload(), 5000)
    return () => clearTimeout(t)
  }, [refunding, offline, visible, order, reload])

  const expiredNoted = useRef(false)
  useEffect(() => {
    if (pending && left !== null && left <= 0 && !expiredNoted.current) {
      expiredNoted.current = true
      void reload()
    }
  }, [pending, left, reload])

  const [cancelling, setCancelling] = useState(false)
  const cancel = async () => {
    if (cancelling || paying) return
    const { confirm } = await Taro.showModal({ title: '取消订单？', content: '取消后库存释放，如需购买请重新下单', confirmText: '取消订单', cancelText: '再想想' })
    if (!confirm) return
    setCancelling(true)
    try {
      replace(await cancelOrder(order.id))
      void Taro.showToast({ title: '订单已取消', icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none' })
      void reload()
    } finally {
      setCancelling(false)
    }
  }

  const pay = async () => {
    if (paying) return
    setPaying(true)
    try {
      const r = await payment.pay(order.id)
      if (r.kind === 'paid') {
        replace(r.order)
        void Taro.showToast({ title: r.order.state === 'grouping' ? '支付成功，拼团中' : '支付成功', icon: 'success' })
      } else if (r.kind === 'failed') {
        void Taro.showToast({ title: r.message, icon: 'none' })
      } else if (r.kind === 'unconfirmed') {
        void Taro.showToast({ title: '支付结果确认中，请稍后下拉刷新', icon: 'none' })
        void reload()
      }
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none' })
      void reload()
    } finally {
      setPaying(false)
    }
  }

  const tone = stateTone(order.state)
  // 可用 for a paid order, 待成团 while its group forms (its codes are shown locked): core/orders/code-counts.
  const codesNote = unusedCodesNote(order.state, order.unusedCount)
  return (
    <View className='order-page'>
      {offline && (
        <View className='order-offline'>
          <Text>
            网络不可用，显示的是 {formatDateTime(offlineSavedAt, Date.now())} 保存的离线副本：券码可以照常出示，状态以联网后为准。
          </Text>
        </View>
      )}
      <View className='order-head'>
        <Text className={`order-head__state order-head__state--${tone}`}>{orderStateLabel(order.state)}</Text>
        {pending && left !== null && (
          <Text className='order-head__countdown'>{left > 0 ? `剩余 ${formatCountdown(left)}，超时订单自动关闭` : '已超时，订单即将关闭'}</Text>
        )}
        {!pending && <Text className='order-head__note'>{orderStateNote(order)}</Text>}
      </View>

      {order.state === 'grouping' && !offline && <OrderGroupInvite order={order} skew={skew} />}

      <View className='order-deal' onClick={() => void Taro.navigateTo({ url: dealPath(order.dealId) })}>
        {order.cover ? <Image className='order-deal__cover' src={mediaUrl(order.cover)} mode='aspectFill' /> : <View className='order-deal__cover' />}
        <View className='order-deal__main'>
          <Text className='order-deal__title'>{order.dealTitle}</Text>
          <Text className='order-deal__meta'>
            ¥{formatYuan(order.unitPriceFen)} × {order.qty} 份
          </Text>
          <View className='order-deal__badges'>
            <Badge tone='trust'>随时退</Badge>
            <Badge tone='trust'>过期退</Badge>
          </View>
        </View>
      </View>

      {order.codes.length > 0 && (
        <View className='order-section'>
          <View className='order-section__head'>
            <Text className='order-section__title'>券码</Text>
            <Text className='order-section__aside'>{codesNote ? `${codesNote} · ` : ''}有效期 {formatDateRange(order.validStart, order.validEnd, now)}</Text>
          </View>
          <CodeList order={order} selecting={refund.selecting} selected={refund.selected} onToggle={refund.toggle} />
        </View>
      )}

      {!offline && order.codes.some((c) => c.state === 'redeemed') && (
        <View className='order-section order-section__head order-review'>
          <Text className='order-section__aside'>{order.reviewed ? '已评价，感谢你帮其他顾客做决定' : '用过了？说说体验，帮其他顾客做决定'}</Text>
          {!order.reviewed && (
            <Button size='sm' variant='secondary' onClick={() => void Taro.navigateTo({ url: `/review/write/index?orderId=${order.id}&dealTitle=${encodeURIComponent(order.dealTitle)}` })}>
              写评价
            </Button>
          )}
        </View>
      )}

      <View className='order-section'>
        <View className='order-section__head'>
          <Text className='order-section__title'>订单信息</Text>
        </View>
        {moneyLines(order).map((l) => (
          <Fact key={l.label} k={l.label} v={l.value} tone={l.tone} />
        ))}
        {order.refundedFen > 0 && <Text className='order-facts__hint'>退款已原路退回到支付账户</Text>}
        <Fact k='单价' v={`¥${formatYuan(order.unitPriceFen)} × ${order.qty} 份`} />
        {order.codes.length === 0 && <Fact k='有效期' v={formatDateRange(order.validStart, order.validEnd, now)} />}
        <Fact k='下单时间' v={formatDateTime(order.createdAt, now)} />
        {order.paidAt !== null && <Fact k='支付时间' v={formatDateTime(order.paidAt, now)} />}
        {order.phone && <Fact k='联系电话' v={order.phone} />}
        <View className='order-facts__row'>
          <Text className='order-facts__key'>订单号</Text>
          <Text className='order-facts__value order-facts__ref'>{formatRefNo(order.id)}</Text>
          <Text className='order-facts__copy' onClick={() => void Taro.setClipboardData({ data: order.id })}>
            复制
          </Text>
        </View>
      </View>

      {shop ? (
        <ShopCard shop={shop} />
      ) : (
        <View className='order-section'>
          <Text className='order-section__title'>{order.shopName}</Text>
        </View>
      )}

      {order.timeline.length > 0 && (
        <View className='order-section'>
          <View className='order-section__head'>
            <Text className='order-section__title'>订单进度</Text>
          </View>
          <OrderTimeline events={order.timeline} now={now} />
          <ConfirmReceipt order={order} onDone={replace} />
        </View>
      )}

      <OrderBar order={order} offline={offline} left={left} paying={paying} onPay={() => void pay()} cancelling={cancelling} onCancel={() => void cancel()} refund={refund} />
      {payment.sheet}
    </View>
  )
}

function Fact({ k, v, tone }: { k: string; v: string; tone?: 'price' | 'trust' }) {
  return (
    <View className='order-facts__row'>
      <Text className='order-facts__key'>{k}</Text>
      <Text className={`order-facts__value${tone ? ` order-facts__value--${tone}` : ''}`}>{v}</Text>
    </View>
  )
}

function OrderBar({
  order,
  offline,
  left,
  paying,
  onPay,
  cancelling,
  onCancel,
  refund,
}: {
  order: OrderView
  offline: boolean
  left: number | null
  paying: boolean
  onPay: () => void
  cancelling: boolean
  onCancel: () => void
  refund: ReturnType<typeof useRefund>
}) {
  if (offline) {
    if (order.state !== 'pending_payment' && refund.refundable.length === 0) return null
    return (
      <View className='order-bar'>
        <Text className='order-bar__note'>联网后可以支付或退款</Text>
      </View>
    )
  }
  if (order.state === 'pending_payment') {
    const expired = left !== null && left <= 0
    return (
      <View className='order-bar'>
        <View className='order-bar__info'>
          <Text className='order-bar__main'>待支付 ¥{formatYuan(order.amountFen)}</Text>
          <Text className='order-bar__sub'>{expired ? '已超时' : '超时未支付将自动关闭'}</Text>
        </View>
        <View className='order-bar__btn'>
          <Button variant='ghost' size='md' disabled={paying || cancelling} onClick={onCancel}>
            {cancelling ? '取消中…' : '取消订单'}
          </Button>
        </View>
        <Button size='md' disabled={paying || cancelling || expired} onClick={onPay}>
          {paying ? '支付中…' : '去支付'}
        </Button>
      </View>
    )
  }
  if (refund.refundable.length === 0) return null
  if (!refund.selecting) {
    return (
      <View className='order-bar'>
        <Text className='order-bar__note'>随时退 · 未使用的券码可随时退款</Text>
        <Button variant='ghost' size='md' onClick={refund.start}>
          申请退款
        </Button>
      </View>
    )
  }
  return (
    <View className='order-bar'>
      {refund.refundable.length > 1 && (
        <Text className='order-bar__all' onClick={refund.toggleAll}>
          {refund.picked.length === refund.refundable.length ? '全不选' : '全选'}
        </Text>
      )}
      <View className='order-bar__info'>
        <Text className='order-bar__main'>已选 {refund.picked.length} 张</Text>
        <Text className='order-bar__sub'>退款 ¥{formatYuan(refund.amountFen)}，原路退回</Text>
      </View>
      <View className='order-bar__btn'>
        <Button variant='ghost' size='sm' disabled={refund.busy} onClick={refund.cancel}>
          取消
        </Button>
      </View>
      <View className='order-bar__btn'>
        <Button size='sm' disabled={refund.busy || refund.picked.length === 0} onClick={() => void refund.confirm()}>
          {refund.busy ? '退款中…' : '确认退款'}
        </Button>
      </View>
    </View>
  )
}

/** Milliseconds left until `deadline` (server time), ticking every second; null when there is no deadline. */
function useCountdown(deadline: number | null, skew: number): number | null {
  const [, setTick] = useState(0)
  useEffect(() => {
    if (deadline === null) return undefined
    const t = setInterval(() => setTick((n) => n + 1), 1000)
    return () => clearInterval(t)
  }, [deadline])
  return deadline === null ? null : deadline - (Date.now() + skew)
}

function formatCountdown(ms: number): string {
  const s = Math.ceil(ms / 1000)
  if (s >= 3600) return formatDuration(ms)
  const m = Math.floor(s / 60)
  return `${m} 分 ${String(s % 60).padStart(2, '0')} 秒`
}

export default withH5Bar(OrderPage, '订单详情', '/pages/orders/index')
