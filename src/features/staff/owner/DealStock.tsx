import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { DealAdminView } from '@core/contracts/views'
import { toApiError } from '@/shared/api'
import { Button } from '@/shared/ui'
import { adjustStock } from '../api/deals'
import { parseCount } from '../model/money'

/**
 * A saved deal's stock, where the 库存 field was when it was created: what is left and sold, and 增加/减少
 * (adjustStock, atomic on the server, never touching units already sold). Its outcome is said right here.
 */
export function DealStock({ deal, disabled, onAdjusted }: { deal: DealAdminView; disabled: boolean; onAdjusted: (next: DealAdminView) => void }) {
  const [delta, setDelta] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const ended = deal.status === 'ended'

  const adjust = async (sign: 1 | -1) => {
    const n = parseCount(delta, { label: '调整数量', min: 1, max: 1_000_000 })
    if (!n.ok) {
      setNote({ ok: false, text: n.message })
      return
    }
    setBusy(true)
    setNote(null)
    try {
      const next = await adjustStock(deal.id, sign * n.value)
      onAdjusted(next)
      setDelta('')
      setNote({ ok: true, text: `库存已${sign > 0 ? '增加' : '减少'} ${n.value} 份，现在剩余 ${next.stockLeft} 份` })
    } catch (e) {
      setNote({ ok: false, text: toApiError(e).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='so-stock-wrap'>
      <Text className='so-fixed'>
        剩余 {deal.stockLeft} 份 · 已售 {deal.sold} 份
      </Text>
      {!ended && (
        <View className='so-stock'>
          <View className='st-input-row'>
            <Input className='st-input' type={process.env.TARO_ENV === 'h5' ? 'text' : 'number'} value={delta} placeholder='数量' placeholderClass='st-placeholder' onInput={(e) => setDelta(e.detail.value)} />
            <Text className='st-input-row__affix'>份</Text>
          </View>
          <Button size='sm' variant='secondary' disabled={disabled || busy} onClick={() => void adjust(1)}>
            增加
          </Button>
          <Button size='sm' variant='ghost' disabled={disabled || busy} onClick={() => void adjust(-1)}>
            减少
          </Button>
        </View>
      )}
      {!ended && !note && <Text className='st-field__hint'>调整库存立即生效，不影响已售出的券</Text>}
      {note && <Text className={note.ok ? 'so-ok' : 'so-error'}>{note.text}</Text>}
    </View>
  )
}
