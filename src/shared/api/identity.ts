import Taro from '@tarojs/taro'

/**
 * Local identity (gateway mode only): the openid of the chosen demo persona, sent as `x-tuanka-openid`.
 * In production the identity comes from WeChat inside the cloud function, never from the client.
 */
export const PERSONA_STORAGE_KEY = 'tuanka.persona.openid'
export const DEFAULT_PERSONA_KEY = 'consumer'

export interface Persona {
  key: string
  label: string
  openid: string
}

export function getStoredOpenid(): string | null {
  try {
    const v: unknown = Taro.getStorageSync(PERSONA_STORAGE_KEY)
    return typeof v === 'string' && v !== '' ? v : null
  } catch {
    return null
  }
}

export function storeOpenid(openid: string): void {
  Taro.setStorageSync(PERSONA_STORAGE_KEY, openid)
}
