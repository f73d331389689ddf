import type { ShopPatch } from '../api/shop'

export interface ShopForm {
  name: string
  address: string
  phone: string
  hours: string
}

const LIMITS: Record<keyof ShopForm, { label: string; max: number }> = {
  name: { label: '店名', max: 40 },
  address: { label: '地址', max: 120 },
  phone: { label: '电话', max: 20 },
  hours: { label: '营业时间', max: 60 },
}

/** The shop form checked as shops.update checks it (trimmed, lengths, phone characters), in words. */
export function readShopForm(f: ShopForm): { ok: true; values: ShopForm } | { ok: false; errors: Partial<Record<keyof ShopForm, string>> } {
  const values: ShopForm = { name: f.name.trim(), address: f.address.trim(), phone: f.phone.trim(), hours: f.hours.trim() }
  const errors: Partial<Record<keyof ShopForm, string>> = {}
  for (const k of Object.keys(LIMITS) as (keyof ShopForm)[]) {
    const { label, max } = LIMITS[k]
    if (!values[k]) errors[k] = `请填写${label}`
    else if (Array.from(values[k]).length > max) errors[k] = `${label}最多 ${max} 个字`
  }
  if (values.phone && !errors.phone && !/^[0-9+\-() ]{5,20}$/.test(values.phone)) errors.phone = '电话只能包含数字、空格和 + - ( )，5 到 20 位'
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values }
}

/** Only the fields that changed (trimmed); null when nothing did. */
export function shopPatchOf(saved: ShopForm, f: ShopForm): ShopPatch | null {
  const patch: ShopPatch = {}
  for (const k of Object.keys(LIMITS) as (keyof ShopForm)[]) {
    if (f[k].trim() !== saved[k]) patch[k] = f[k].trim()
  }
  return Object.keys(patch).length > 0 ? patch : null
}
