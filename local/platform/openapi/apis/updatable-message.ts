import { randomBytes } from 'node:crypto'
import { wxError, wxOk, type OpenApiEmulator, type OpenApiHandlers } from '../registry'

/**
 * 动态消息 (updatable messages) as the cloud call reaches WeChat: updatableMessage.createActivityId and
 * updatableMessage.setUpdatableMsg. From WeChat's documents ("动态消息", "updatableMessage.createActivityId",
 * "updatableMessage.setUpdatableMsg"): an activity id is valid 24 hours (expiration_time, seconds); state 0 reads
 * "成员正在加入，当前 {member_count}/{room_limit} 人" (both required for state 0), state 1 reads "已开始" and needs
 * path and version_type (develop/trial/release); 0 may go to 0 or 1, 1 goes nowhere. Errcodes: 47501 activity_id
 * 错误, 47502 target_state 错误, 47503 version_type 错误, 47504 activity_id 过期; 47001 for a body that is not the
 * documented shape. Not documented, so chosen here: a move out of state 1 is 47502 (an invalid target), and a
 * missing member_count/room_limit is 47001.
 *
 * The card as WeChat would draw it is recorded per activity id (`updatableCards`): the local gateway shows it under
 * the h5 app's shared-card preview, and tests read it.
 */
export const ACTIVITY_TTL_MS = 24 * 3600 * 1000

export interface UpdatableCardState {
  at: number
  targetState: 0 | 1
  memberCount: string | null
  roomLimit: string | null
}

export interface UpdatableCard {
  activityId: string
  createdAt: number
  expiresAt: number
  /** The card's current state; null until the first setUpdatableMsg (the sharer's updateShareMenu sets it in WeChat). */
  state: UpdatableCardState | null
  path: string | null
  versionType: string | null
  /** Every accepted update, oldest first. */
  history: UpdatableCardState[]
}

export const updatableCards = (e: OpenApiEmulator) => e.state('updatable-message.cards', () => new Map<string, UpdatableCard>())

/** The line WeChat shows under the card. */
export function updatableCardText(s: Pick<UpdatableCardState, 'targetState' | 'memberCount' | 'roomLimit'> | null): string | null {
  if (!s) return null
  return s.targetState === 1 ? '已开始' : `成员正在加入，当前 ${s.memberCount}/${s.roomLimit} 人`
}

const VERSION_TYPES = ['develop', 'trial', 'release']

function parameters(list: unknown): Map<string, string> | null {
  if (!Array.isArray(list)) return null
  const out = new Map<string, string>()
  for (const p of list) {
    if (!p || typeof p !== 'object') return null
    const { name, value } = p as { name?: unknown; value?: unknown }
    if (typeof name !== 'string' || typeof value !== 'string') return null
    out.set(name, value)
  }
  return out
}

export const handlers: OpenApiHandlers = {
  'updatableMessage.createActivityId': (call) => {
    const cards = updatableCards(call.emulator)
    // Forget cards long expired, so a running `npm start` does not grow without end.
    if (cards.size > 10_000) for (const [id, c] of cards) if (c.expiresAt < call.now - ACTIVITY_TTL_MS) cards.delete(id)
    const activityId = `${randomBytes(12).toString('hex')}#${Math.floor(call.now / 1000)}`
    const expiresAt = call.now + ACTIVITY_TTL_MS
    cards.set(activityId, { activityId, createdAt: call.now, expiresAt, state: null, path: null, versionType: null, history: [] })
    return wxOk({ activity_id: activityId, expiration_time: Math.floor(expiresAt / 1000) })
  },
  'updatableMessage.setUpdatableMsg': (call) => {
    const { activity_id: activityId, target_state: target, template_info: info } = call.params
    const card = typeof activityId === 'string' ? updatableCards(call.emulator).get(activityId) : undefined
    if (!card) return wxError(47501, 'invalid activity_id')
    if (call.now >= card.expiresAt) return wxError(47504, 'activity_id expired')
    if (target !== 0 && target !== 1) return wxError(47502, 'invalid target_state')
    if (card.state?.targetState === 1) return wxError(47502, 'invalid target_state: the message is already in its final state')
    const params = parameters((info as { parameter_list?: unknown } | null)?.parameter_list)
    if (!params) return wxError(47001, 'data format error: template_info.parameter_list')
    if (target === 0) {
      const memberCount = params.get('member_count')
      const roomLimit = params.get('room_limit')
      if (memberCount === undefined || roomLimit === undefined) return wxError(47001, 'data format error: member_count and room_limit are required for target_state 0')
      card.state = { at: call.now, targetState: 0, memberCount, roomLimit }
    } else {
      const path = params.get('path')
      const versionType = params.get('version_type')
      if (path === undefined || versionType === undefined) return wxError(47001, 'data format error: path and version_type are required for target_state 1')
      if (!VERSION_TYPES.includes(versionType)) return wxError(47503, 'invalid version_type')
      card.state = { at: call.now, targetState: 1, memberCount: card.state?.memberCount ?? null, roomLimit: card.state?.roomLimit ?? null }
      card.path = path
      card.versionType = versionType
    }
    card.history.push(card.state)
    return wxOk()
  },
}
