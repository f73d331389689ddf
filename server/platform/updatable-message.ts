/**
 * WeChat 动态消息 (updatable messages) through the cloud: `cloud.openapi.updatableMessage.createActivityId` and
 * `setUpdatableMsg` (wx-server-sdk, loaded on first use: it is heavy). Locally the same calls reach the open-API
 * emulator (local/platform/openapi/apis/updatable-message.ts) through the SDK's transport. The function needs both
 * names in its `permissions.openapi` (cloudfunctions/manifest.ts).
 */
export const UPDATABLE_MESSAGE_OPENAPI = ['updatableMessage.createActivityId', 'updatableMessage.setUpdatableMsg'] as const

/** What the card shows: members joining (x/y), or its final state with where 进入 leads. */
export type CardState = { targetState: 0; memberCount: number; roomLimit: number } | { targetState: 1; path: string }

/** 'expired': the id is past its 24 h (47504) or unknown (47501); 'final': the card already reached state 1. */
export type SetOutcome = 'ok' | 'expired' | 'final' | 'failed'

interface UpdatableApi {
  createActivityId(p: Record<string, unknown>): Promise<{ activityId?: unknown; expirationTime?: unknown }>
  setUpdatableMsg(p: Record<string, unknown>): Promise<unknown>
}

let api: UpdatableApi | undefined
function updatable(): UpdatableApi {
  if (!api) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    api = cloud.openapi.updatableMessage as UpdatableApi
  }
  return api
}

/** A new activity id and when WeChat lets it go (ms); null when the platform gave none (the share goes out plain). */
export async function createActivityId(): Promise<{ activityId: string; expiresAt: number } | null> {
  try {
    const res = await updatable().createActivityId({})
    const expiresSec = Number(res?.expirationTime)
    if (typeof res?.activityId !== 'string' || res.activityId === '' || !Number.isFinite(expiresSec)) return null
    return { activityId: res.activityId, expiresAt: expiresSec * 1000 }
  } catch (e) {
    console.warn('[updatableMessage.createActivityId]', (e as { errCode?: unknown })?.errCode ?? e)
    return null
  }
}

/** The mini-program version 进入 opens (the same setting as the posters' codes). */
const versionType = () => process.env.TUANKA_WXACODE_ENV ?? 'release'

export async function setUpdatableMsg(activityId: string, s: CardState): Promise<SetOutcome> {
  const parameterList =
    s.targetState === 0
      ? [{ name: 'member_count', value: String(s.memberCount) }, { name: 'room_limit', value: String(s.roomLimit) }]
      : [{ name: 'path', value: s.path }, { name: 'version_type', value: versionType() }]
  try {
    await updatable().setUpdatableMsg({ activityId, targetState: s.targetState, templateInfo: { parameterList } })
    return 'ok'
  } catch (e) {
    const code = (e as { errCode?: unknown } | null)?.errCode
    if (code === 47501 || code === 47504) return 'expired'
    if (code === 47502) return 'final'
    console.warn('[updatableMessage.setUpdatableMsg]', code ?? e)
    return 'failed'
  }
}
