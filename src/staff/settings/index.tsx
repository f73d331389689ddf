import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ShopBrief } from '@core/contracts/views'
import { getShop, updateShop, type ShopPatch } from '@/features/staff/api/shop'
import { Card, TextField } from '@/features/staff/components/Fields'
import { StaffArea, type StaffContext } from '@/features/staff/components/StaffArea'
import { readShopForm, shopPatchOf, type ShopForm } from '@/features/staff/owner/shopForm'
import { toApiError } from '@/shared/api'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button, PageState } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/owner/owner.css'

/** 店铺设置 (owners): name, address, phone and hours as customers see them on every deal page. */
export default function StaffSettingsPage() {
  return (
    <View className='page'>
      <StaffArea ownerOnly>{(ctx) => <Settings key={ctx.shop.shopId} ctx={ctx} />}</StaffArea>
    </View>
  )
}

function Settings({ ctx }: { ctx: StaffContext }) {
  const shop = useRemote(() => getShop(ctx.shop.shopId), [ctx.shop.shopId])
  if (shop.data === null && shop.loading) return <PageState kind='loading' skeleton='rows' />
  if (shop.data === null) return <PageState kind='error' message={shop.error?.message ?? '加载失败'} onRetry={() => void shop.reload()} />
  return <SettingsForm key={shop.data.id} initial={shop.data} />
}

const formOf = (s: ShopBrief): ShopForm => ({ name: s.name, address: s.address, phone: s.phone, hours: s.hours })

function SettingsForm({ initial }: { initial: ShopBrief }) {
  const [saved, setSaved] = useState(initial)
  const [form, setForm] = useState<ShopForm>(formOf(initial))
  const [errors, setErrors] = useState<Partial<Record<keyof ShopForm, string>>>({})
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const set = (k: keyof ShopForm) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }))
    setNote(null)
  }
  const patch: ShopPatch | null = shopPatchOf(saved, form)

  const save = async () => {
    const r = readShopForm(form)
    if (!r.ok) {
      setErrors(r.errors)
      return
    }
    setErrors({})
    const p = shopPatchOf(saved, r.values)
    if (!p) return
    setBusy(true)
    try {
      const next = await updateShop(saved.id, p)
      setSaved(next)
      setForm(formOf(next))
      setNote({ ok: true, text: '已保存，顾客在团购页看到的店铺信息已更新' })
    } catch (e) {
      setNote({ ok: false, text: toApiError(e).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <Card title='店铺信息'>
        <TextField label='店名' value={form.name} onChange={set('name')} maxlength={40} error={errors.name} placeholder='如：拾光咖啡（万象城店）' />
        <TextField label='地址' value={form.address} onChange={set('address')} maxlength={120} error={errors.address} placeholder='顾客导航到店用' />
        <TextField label='电话' value={form.phone} onChange={set('phone')} maxlength={20} error={errors.phone} placeholder='如 0755-86001234' hint='顾客在团购页可一键拨打' />
        <TextField label='营业时间' value={form.hours} onChange={set('hours')} maxlength={60} error={errors.hours} placeholder='如：周一至周日 09:00-22:00' />
        {note && <Text className={note.ok ? 'so-ok' : 'so-error'}>{note.text}</Text>}
      </Card>
      <View className='so-save'>
        <Button block size='lg' disabled={busy || !patch} onClick={() => void save()}>
          {busy ? '正在保存…' : patch ? '保存' : '没有修改'}
        </Button>
      </View>
    </View>
  )
}
