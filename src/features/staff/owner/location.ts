import type { ShopBrief } from '@core/contracts/views'

/** Where the shop is on a map (as shops.update takes it): what customers navigate to from a deal page. */
export type ShopLocation = NonNullable<ShopBrief['location']>

/** The manual form (local development, where there is no map to pick from): strings as typed. */
export interface LocationDraft {
  lat: string
  lng: string
  name: string
}

export const NAME_MAX = 60

export function draftOf(loc: ShopLocation | null): LocationDraft {
  return loc ? { lat: String(loc.lat), lng: String(loc.lng), name: loc.name ?? '' } : { lat: '', lng: '', name: '' }
}

/** Six decimals: about 0.1 m, what a map picker gives. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6

function coordinate(text: string, label: string, min: number, max: number): { ok: true; value: number } | { ok: false; error: string } {
  // Full-width digits, signs and points as typed on a Chinese keyboard.
  const s = text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  if (!/^-?\d{1,3}(\.\d+)?$/.test(s)) return { ok: false, error: `${label}应为数字，如 ${label === '纬度' ? '22.5186' : '113.9497'}` }
  const n = Number(s)
  if (n < min || n > max) return { ok: false, error: `${label}应在 ${min} 到 ${max} 之间` }
  return { ok: true, value: round6(n) }
}

/**
 * The manual form read as shops.update checks it. Both coordinates empty = no location (customers see no 导航);
 * one without the other is an error.
 */
export function readLocationDraft(d: LocationDraft): { ok: true; value: ShopLocation | null } | { ok: false; errors: { lat?: string; lng?: string; name?: string } } {
  const name = d.name.trim()
  if (d.lat.trim() === '' && d.lng.trim() === '') {
    return name === '' ? { ok: true, value: null } : { ok: false, errors: { lat: '填写了地点名称，还需要填写纬度和经度' } }
  }
  const errors: { lat?: string; lng?: string; name?: string } = {}
  const lat = coordinate(d.lat, '纬度', -90, 90)
  const lng = coordinate(d.lng, '经度', -180, 180)
  if (!lat.ok) errors.lat = lat.error
  if (!lng.ok) errors.lng = lng.error
  if (Array.from(name).length > NAME_MAX) errors.name = `地点名称最多 ${NAME_MAX} 个字`
  if (!lat.ok || !lng.ok || errors.name) return { ok: false, errors }
  return { ok: true, value: name ? { lat: lat.value, lng: lng.value, name } : { lat: lat.value, lng: lng.value } }
}

/** A place picked on the map (Taro.chooseLocation), as the shop's location. */
export function locationOfPick(p: { latitude: number; longitude: number; name?: string }): ShopLocation {
  const name = Array.from((p.name ?? '').trim()).slice(0, NAME_MAX).join('')
  return name ? { lat: round6(p.latitude), lng: round6(p.longitude), name } : { lat: round6(p.latitude), lng: round6(p.longitude) }
}

export function sameLocation(a: ShopLocation | null, b: ShopLocation | null): boolean {
  if (a === null || b === null) return a === b
  return a.lat === b.lat && a.lng === b.lng && (a.name ?? '') === (b.name ?? '')
}

/** How the location reads to the owner: the place name and the coordinates. */
export function describeLocation(loc: ShopLocation): string {
  const coords = `${loc.lat.toFixed(4)}, ${loc.lng.toFixed(4)}`
  return loc.name ? `${loc.name}（${coords}）` : `坐标 ${coords}`
}
