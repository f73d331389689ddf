import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ShopBrief } from '@core/contracts/views'
import { getShop, updateShop, type ShopPatch } from '@/features/staff/api/shop'
import { Card, TextField } from '@/features/staff/components/Fields'
import { StaffArea, type StaffContext } from '@/features/staff/components/StaffArea'
import { StaffAccessCard } from '@/features/staff/owner/StaffAccessCard'
import { describeLocation, draftOf, locationOfPick, readLocationDraft, sameLocation, type LocationDraft, type ShopLocation } from '@/features/staff/owner/location'
import { readShopForm, shopPatchOf, type ShopForm } from '@/features/staff/owner/shopForm'
import { toApiError } from '@/shared/api'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button, PageState, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/owner/owner.css'

/**
 * 店铺设置 (owners): name, address, phone, hours and map location as customers see them on every deal page; and
 * 店员权限, whether staff see the shop's money.
 */
function StaffSettingsPage() {
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
  return (
    <View>
      <SettingsForm key={shop.data.id} initial={shop.data} />
      <StaffAccessCard shopId={shop.data.id} />
    </View>
  )
}

const formOf = (s: ShopBrief): ShopForm => ({ name: s.name, address: s.address, phone: s.phone, hours: s.hours })

/** weapp picks the place on WeChat's map; h5 (local development, no map key) takes coordinates typed by hand. */
const mapPicker = () => process.env.TARO_ENV === 'weapp'

type LocationErrors = { lat?: string; lng?: string; name?: string }

function SettingsForm({ initial }: { initial: ShopBrief }) {
  const [saved, setSaved] = useState(initial)
  const [form, setForm] = useState<ShopForm>(formOf(initial))
  const [errors, setErrors] = useState<Partial<Record<keyof ShopForm, string>>>({})
  const [location, setLocation] = useState<ShopLocation | null>(initial.location)
  const [draft, setDraft] = useState<LocationDraft>(draftOf(initial.location))
  const [locErrors, setLocErrors] = useState<LocationErrors>({})
  const [mapAddress, setMapAddress] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const set = (k: keyof ShopForm) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }))
    setNote(null)
  }
  const setDraftField = (k: keyof LocationDraft) => (v: string) => {
    setDraft((d) => ({ ...d, [k]: v }))
    setNote(null)
  }
  const readLocation = () => (mapPicker() ? ({ ok: true, value: location } as const) : readLocationDraft(draft))
  const current = readLocation()
  const locationChanged = !current.ok || !sameLocation(current.value, saved.location)
  const changed = shopPatchOf(saved, form) !== null || locationChanged

  const pick = async () => {
    setNote(null)
    try {
      const res = await Taro.chooseLocation(location ? { latitude: location.lat, longitude: location.lng } : {})
      setLocation(locationOfPick(res))
      const address = (res.address ?? '').trim()
      setMapAddress(address ? Array.from(address).slice(0, 120).join('') : null)
    } catch (e) {
      const msg = String((e as { errMsg?: unknown } | null)?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      setNote({ ok: false, text: /auth|deny|permission|privacy/i.test(msg) ? '没有位置权限：请在右上角「···」→「设置」中允许使用位置信息后重试' : '暂时无法打开地图，请稍后重试' })
    }
  }

  const save = async () => {
    const r = readShopForm(form)
    const l = readLocation()
    setErrors(r.ok ? {} : r.errors)
    setLocErrors(l.ok ? {} : l.errors)
    if (!r.ok || !l.ok) return
    const p: ShopPatch = { ...shopPatchOf(saved, r.values) }
    if (!sameLocation(l.value, saved.location)) p.location = l.value
    if (Object.keys(p).length === 0) return
    setBusy(true)
    try {
      const next = await updateShop(saved.id, p)
      setSaved(next)
      setForm(formOf(next))
      setLocation(next.location)
      setDraft(draftOf(next.location))
      setMapAddress(null)
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
      </Card>
      <Card title='地图位置'>
        {mapPicker() ? (
          <View>
            <Text className={location ? 'so-loc__value' : 'so-loc__none'}>{location ? describeLocation(location) : '还没有设置：顾客在团购页看不到「导航」'}</Text>
            <View className='st-actions'>
              <Button size='sm' variant='secondary' disabled={busy} onClick={() => void pick()}>
                {location ? '重新选点' : '在地图上选点'}
              </Button>
              {location && (
                <Button size='sm' variant='ghost' disabled={busy} onClick={() => setLocation(null)}>
                  清除位置
                </Button>
              )}
            </View>
            {mapAddress && mapAddress !== form.address.trim() && (
              <View className='so-loc__suggest'>
                <Text className='so-loc__suggest-text'>地图上的地址：{mapAddress}</Text>
                <Button
                  size='sm'
                  variant='ghost'
                  onClick={() => {
                    set('address')(mapAddress)
                    setMapAddress(null)
                  }}
                >
                  用作店铺地址
                </Button>
              </View>
            )}
          </View>
        ) : (
          <View>
            <Text className='so-hint so-loc__local'>本地开发环境不提供地图选点，请手动填写坐标（可在地图网站上查到）。正式版在微信地图上选点。</Text>
            <TextField label='纬度' type='digit' value={draft.lat} onChange={setDraftField('lat')} maxlength={16} error={locErrors.lat} placeholder='如 22.5186' />
            <TextField label='经度' type='digit' value={draft.lng} onChange={setDraftField('lng')} maxlength={16} error={locErrors.lng} placeholder='如 113.9497' />
            <TextField label='地点名称（可选）' value={draft.name} onChange={setDraftField('name')} maxlength={60} error={locErrors.name} placeholder='如：万象城 L2-218' />
            {(draft.lat !== '' || draft.lng !== '' || draft.name !== '') && (
              <Text className='so-add' onClick={() => setDraft(draftOf(null))}>
                清除位置
              </Text>
            )}
          </View>
        )}
        <Text className='st-field__hint'>设置后，顾客在团购页点「导航」即可到店。</Text>
      </Card>
      {note && <View className={`st-banner ${note.ok ? 'st-banner--ok' : 'st-banner--error'}`}>{note.text}</View>}
      <View className='so-save'>
        <Button block size='lg' disabled={busy || !changed} onClick={() => void save()}>
          {busy ? '正在保存…' : changed ? '保存' : '没有修改'}
        </Button>
      </View>
    </View>
  )
}

export default withH5Bar(StaffSettingsPage, '店铺设置', '/pages/me/index')
