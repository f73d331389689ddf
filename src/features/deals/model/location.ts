import Taro from '@tarojs/taro'

export interface Spot {
  lat: number
  lng: number
}

/**
 * Where the buyer is, asked only when they open 附近 (the tap is their consent; WeChat shows its own prompt and
 * the privacy declaration is in app.config). weapp: the fuzzy location (about 1.5 km, all 附近 needs); h5: the
 * browser's. Null when refused, unavailable or slow: the page then says so and shows the whole feed.
 */
export function askLocation(timeoutMs = 10_000): Promise<Spot | null> {
  return new Promise((resolve) => {
    const done = (s: Spot | null) => resolve(s && Number.isFinite(s.lat) && Number.isFinite(s.lng) ? s : null)
    const timer = setTimeout(() => done(null), timeoutMs)
    const finish = (s: Spot | null) => {
      clearTimeout(timer)
      done(s)
    }
    try {
      if (process.env.TARO_ENV === 'weapp') {
        Taro.getFuzzyLocation({
          type: 'gcj02',
          success: (r) => finish({ lat: r.latitude, lng: r.longitude }),
          fail: () => finish(null),
        })
        return
      }
      const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined
      if (!geo) return finish(null)
      geo.getCurrentPosition(
        (p) => finish({ lat: p.coords.latitude, lng: p.coords.longitude }),
        () => finish(null),
        { enableHighAccuracy: false, maximumAge: 300_000, timeout: timeoutMs },
      )
    } catch {
      finish(null)
    }
  })
}

/** When the buyer gives no location, they pick an area instead (the demo city's districts, by their centre). */
export const DISTRICTS: readonly (Spot & { name: string })[] = [
  { name: '南山区', lat: 22.5333, lng: 113.9305 },
  { name: '福田区', lat: 22.541, lng: 114.055 },
  { name: '罗湖区', lat: 22.548, lng: 114.131 },
  { name: '宝安区', lat: 22.555, lng: 113.883 },
  { name: '龙华区', lat: 22.696, lng: 114.045 },
  { name: '龙岗区', lat: 22.72, lng: 114.247 },
]

/** "850m", "1.2km", "12km". */
export function distanceLabel(m: number): string {
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)}m`
  if (m < 10_000) return `${(Math.round(m / 100) / 10).toFixed(1).replace(/\.0$/, '')}km`
  return `${Math.round(m / 1000)}km`
}
