import { Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { getShopSettings, setStaffSeeRevenue } from '../api/shop'
import { Card } from '../components/Fields'
import { Toggle } from '../components/Toggle'
import { toApiError } from '@/shared/api'
import { useRemote } from '@/shared/hooks/useRemote'
import { PageState } from '@/shared/ui'

/** What the switch means for staff, for the value shown. */
export const staffSeeRevenueLine = (on: boolean) =>
  on ? '店员能看到收入、退款金额、净收入和推手佣金；对账单仍只有你能导出。' : '店员只看到订单、售出、核销和退款的数量，看不到收入、退款金额和推手佣金。'

/** 店员权限 (owner): whether staff see the shop's money; saved at once, the server enforces it. */
export function StaffAccessCard({ shopId }: { shopId: string }) {
  const remote = useRemote(() => getShopSettings(shopId), [shopId])
  const [on, setOn] = useState<boolean | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  useEffect(() => setOn(remote.data?.staffSeeRevenue ?? null), [remote.data])

  const flip = async () => {
    if (on === null || busy) return
    setBusy(true)
    setNote(null)
    try {
      const next = await setStaffSeeRevenue(shopId, !on)
      setOn(next.staffSeeRevenue)
      setNote({ ok: true, text: next.staffSeeRevenue ? '已保存：店员现在能看到收入' : '已保存：店员不再看到收入' })
    } catch (e) {
      setNote({ ok: false, text: toApiError(e).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title='店员权限'>
      {on === null && remote.loading && <PageState kind='loading' skeleton='rows' />}
      {on === null && !remote.loading && remote.error && <PageState kind='error' message={remote.error.message} onRetry={() => void remote.reload()} />}
      {on !== null && <Toggle label='店员可看收入' on={on} line={staffSeeRevenueLine(on)} onToggle={() => void flip()} disabled={busy} />}
      {note && <Text className={note.ok ? 'so-ok' : 'so-error'}>{note.text}</Text>}
    </Card>
  )
}
