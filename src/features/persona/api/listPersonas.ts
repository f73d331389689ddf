import { getLocalPersonas, getStoredOpenid, type Persona } from '@/shared/api'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'

/** The local demo personas (gateway mode only; `enabled` false → never calls, stays empty). */
export function usePersonas(enabled: boolean): Remote<Persona[]> {
  return useRemote(() => (enabled ? getLocalPersonas() : Promise.resolve([])), [enabled])
}

/** The persona the app currently speaks as (by the stored openid). */
export function currentPersona(personas: Persona[] | null): Persona | null {
  const openid = getStoredOpenid()
  return personas?.find((p) => p.openid === openid) ?? null
}

/** How a persona is called on screen: "推手 · 王姐" -> "王姐" (the role is shown from shops.me, not from the label). */
export function personaName(p: Persona | null): string | undefined {
  if (!p) return undefined
  const name = p.label.split('·').pop()?.trim()
  return name || p.label
}

/** The current local persona's name (gateway mode), for IdentityCard; undefined in production. */
export function useLocalPersonaName(enabled: boolean): { personas: Remote<Persona[]>; current: Persona | null; name: string | undefined } {
  const personas = usePersonas(enabled)
  const current = currentPersona(personas.data)
  return { personas, current, name: personaName(current) }
}
