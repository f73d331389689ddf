import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { OrderView } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { toApiError } from '@/shared/api/errors'
import { refundCodes } from '../api/refundCodes'
import { refundableCodes } from './orderState'

/**
 * 随时退 on the order page: pick unused codes → confirm (the amount, and that refunded codes cannot be used) →
 * orders.refund → the refreshed order. A refusal shows its message and reloads the order.
 */
export function useRefund(order: OrderView | null, done: (view: OrderView) => void, reload: () => void) {
  const [selecting, setSelecting] = useState(false)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const refundable = order ? refundableCodes(order) : []
  const picked = refundable.filter((c) => selected.has(c.code)).map((c) => c.code)
  const amountFen = order ? picked.length * order.unitPriceFen : 0

  const start = useCallback(() => {
    setSelecting(true)
    // One code: nothing to choose.
    setSelected(new Set(refundable.length === 1 ? [refundable[0].code] : []))
  }, [refundable])

  const cancel = useCallback(() => {
    setSelecting(false)
    setSelected(new Set())
  }, [])

  const toggle = useCallback((code: string) => {
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(code)) next.delete(code)
      else next.add(code)
      return next
    })
  }, [])

  const toggleAll = useCallback(() => {
    setSelected((s) => (refundable.every((c) => s.has(c.code)) ? new Set() : new Set(refundable.map((c) => c.code))))
  }, [refundable])

  const confirm = useCallback(async () => {
    if (!order || busy) return
    if (picked.length === 0) {
      void Taro.showToast({ title: '请选择要退款的券码', icon: 'none' })
      return
    }
    const ok = await Taro.showModal({
      title: '确认退款',
      content: `退 ${picked.length} 张券码，¥${formatYuan(amountFen)} 将原路退回。退款后这些券码不能再使用。`,
      confirmText: '确认退款',
      cancelText: '再想想',
      confirmColor: '#FF4D2E',
    }).then(
      (r) => r.confirm,
      () => false,
    )
    if (!ok) return
    setBusy(true)
    try {
      const view = await refundCodes(order.id, picked)
      done(view)
      setSelecting(false)
      setSelected(new Set())
      const allBack = picked.every((code) => view.codes.find((c) => c.code === code)?.state === 'refunded')
      void Taro.showToast({ title: allBack ? '退款成功' : '退款处理中', icon: allBack ? 'success' : 'none', duration: 2000 })
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none', duration: 2500 })
      reload()
    } finally {
      setBusy(false)
    }
  }, [order, busy, picked, amountFen, done, reload])

  return { selecting, selected, picked, amountFen, busy, refundable, start, cancel, toggle, toggleAll, confirm }
}
