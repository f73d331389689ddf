import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startCloudbaseServer, type CloudbaseServer } from '../../local/cloudbase/src/server'
import { updatableCards, updatableCardText } from '../../local/platform/openapi/apis/updatable-message'
import { OpenApiEmulator } from '../../local/platform/openapi/registry'
import { platformRoutes } from '../../local/platform/routes'
import { WxPayEmulator } from '../../local/platform/wxpay'
import { pointSdkAt } from '../../local/sdk-env'
import { groupCardFor, renewGroupCards, syncGroupCard, type GroupCardDoc } from '../../cloudfunctions/orders/group-card'
import { DEALS } from '../../cloudfunctions/deals/collections'
import { AUDIT_EVENTS, GROUP_CARDS } from '../../server/collections'
import type { Ctx } from '../../server/context'
import { getDb } from '../../server/platform/cloudbase'
import { ensureCollections } from '../../server/setup/ensure'

/**
 * The live group card (动态消息) against the emulated WeChat platform, through the unmodified wx-server-sdk: the
 * activity id a share carries, x/y following the group, the flip to the final state once, nothing after a failed
 * group, and the 24 h life of an activity id (renewed by the timer, expired ones no longer sent). Time is an input:
 * the functions' and the platform's clock is `clock` below.
 */
const HOUR = 3600 * 1000
const T0 = Date.parse('2026-11-23T14:00:00+08:00')
let clock = T0
let server: CloudbaseServer
let dataDir: string
const openapi = new OpenApiEmulator({ now: () => clock })
const cards = () => updatableCards(openapi)
const ctx = (): Ctx => ({ fn: 'orders', requestId: 'test', caller: { openid: null } as Ctx['caller'], db: getDb(), now: () => clock })
const sets = () => openapi.calls.filter((c) => c.api === 'updatableMessage.setUpdatableMsg')

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-card-'))
  const wxpay = new WxPayEmulator({ deliver: async () => ({ errcode: 0 }), retryTimers: false })
  server = await startCloudbaseServer({ port: 0, dataDir, quiet: true, platform: platformRoutes(wxpay, openapi) })
  pointSdkAt(server.url)
  await ensureCollections(getDb())
})
afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function groupDeal(id: string, over: Record<string, unknown> = {}) {
  await getDb().collection(DEALS).add({
    _id: id, shopId: 'shop_x', title: '三人成团', status: 'published', stock: 10, sold: 0, groupMin: 3, groupBy: 'buyers', groupStatus: 'forming',
    groupDeadline: new Date(T0 + 48 * HOUR), groupUnits: 1, groupBuyers: 1, createdAt: new Date(T0), updatedAt: new Date(T0), ...over,
  })
}
const setDeal = (id: string, patch: Record<string, unknown>) => getDb().collection(DEALS).doc(id).update(patch)
const cardDoc = async (id: string) => (await getDb().collection(GROUP_CARDS).doc(id).get()).data[0] as GroupCardDoc | undefined
const text = (activityId: string) => updatableCardText(cards().get(activityId)?.state ?? null)

it('a forming group gets one activity id, its card reads x/y at once, and a second share reuses it', async () => {
  clock = T0
  await groupDeal('deal_card_a')
  const first = await groupCardFor(ctx(), 'deal_card_a')
  expect(first).toMatchObject({ memberCount: 1, roomLimit: 3 })
  const id = first!.activityId!
  expect(text(id)).toBe('成员正在加入，当前 1/3 人')
  expect(cards().get(id)!.expiresAt).toBe(T0 + 24 * HOUR)
  const again = await groupCardFor(ctx(), 'deal_card_a')
  expect(again!.activityId).toBe(id)
  expect(openapi.calls.filter((c) => c.api === 'updatableMessage.createActivityId')).toHaveLength(1)
})

it('x/y follows every change of the group, then flips to 已开始 once and is never sent again', async () => {
  const id = (await cardDoc('deal_card_a'))!.activities[0].id
  await setDeal('deal_card_a', { groupBuyers: 2 })
  await syncGroupCard(ctx(), 'deal_card_a')
  expect(text(id)).toBe('成员正在加入，当前 2/3 人')
  await setDeal('deal_card_a', { groupBuyers: 1 }) // a refund
  await syncGroupCard(ctx(), 'deal_card_a')
  expect(text(id)).toBe('成员正在加入，当前 1/3 人')

  await setDeal('deal_card_a', { groupBuyers: 3, groupStatus: 'succeeded' })
  await syncGroupCard(ctx(), 'deal_card_a')
  const card = cards().get(id)!
  expect(text(id)).toBe('已开始')
  expect(card.path).toBe('pages/deal/index?id=deal_card_a')
  expect(card.versionType).toBe('release')
  expect(card.history.map((s) => s.targetState)).toEqual([0, 0, 0, 1])
  expect((await cardDoc('deal_card_a'))!.open).toBe(false)
  const audits = (await getDb().collection(AUDIT_EVENTS).where({ entity: 'group_card', entityId: 'deal_card_a' }).get()).data.map((a: any) => a.action)
  expect(audits.sort()).toEqual(['group_card.activity_created', 'group_card.final'])

  const before = sets().length
  await setDeal('deal_card_a', { groupBuyers: 2 }) // a refund after success
  await syncGroupCard(ctx(), 'deal_card_a')
  expect(sets()).toHaveLength(before)
  // A decided group hands out no card.
  expect(await groupCardFor(ctx(), 'deal_card_a')).toBeNull()
})

it('a failed group stops its card where it was (no final state, nothing sent)', async () => {
  await groupDeal('deal_card_f')
  const id = (await groupCardFor(ctx(), 'deal_card_f'))!.activityId!
  const before = sets().length
  await setDeal('deal_card_f', { groupStatus: 'failed', groupBuyers: 0 })
  await syncGroupCard(ctx(), 'deal_card_f')
  expect(sets()).toHaveLength(before)
  expect(text(id)).toBe('成员正在加入，当前 1/3 人')
  expect((await cardDoc('deal_card_f'))!.open).toBe(false)
})

it('activity ids live 24 h: the timer renews before, expired ids are dropped and no longer sent, the new one is', async () => {
  clock = T0
  await groupDeal('deal_card_r', { groupBy: 'units', groupMin: 20, groupUnits: 7 })
  const oldId = (await groupCardFor(ctx(), 'deal_card_r'))!.activityId!
  clock = T0 + 10 * HOUR
  expect(await renewGroupCards(ctx())).toEqual({ renewed: 0, closed: 0 })
  clock = T0 + 21 * HOUR
  expect(await renewGroupCards(ctx())).toEqual({ renewed: 1, closed: 0 })
  const ids = (await cardDoc('deal_card_r'))!.activities.map((a) => a.id)
  expect(ids).toHaveLength(2)
  const newId = ids.find((i) => i !== oldId)!
  expect(text(newId)).toBe('成员正在加入，当前 7/20 人')
  // A share now gets the fresh id.
  expect((await groupCardFor(ctx(), 'deal_card_r'))!.activityId).toBe(newId)

  clock = T0 + 25 * HOUR
  await setDeal('deal_card_r', { groupUnits: 9 })
  const before = sets().length
  await syncGroupCard(ctx(), 'deal_card_r')
  const sent = sets().slice(before)
  expect(sent.map((c) => c.params.activity_id)).toEqual([newId])
  expect(text(newId)).toBe('成员正在加入，当前 9/20 人')
  expect(text(oldId)).toBe('成员正在加入，当前 7/20 人')
  expect((await cardDoc('deal_card_r'))!.activities.map((a) => a.id)).toEqual([newId])
})

describe('the emulated setUpdatableMsg refuses what WeChat refuses', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const api = () => require('wx-server-sdk').openapi.updatableMessage
  const fresh = async () => (await api().createActivityId({})).activityId as string
  const forming = (member: string, limit: string) => ({ parameterList: [{ name: 'member_count', value: member }, { name: 'room_limit', value: limit }] })

  it('unknown (47501), bad target (47502), missing parameters (47001), bad version (47503), back from final (47502), expired (47504)', async () => {
    clock = T0
    await expect(api().setUpdatableMsg({ activityId: 'forged', targetState: 0, templateInfo: forming('1', '3') })).rejects.toMatchObject({ errCode: 47501 })
    const id = await fresh()
    await expect(api().setUpdatableMsg({ activityId: id, targetState: 2, templateInfo: forming('1', '3') })).rejects.toMatchObject({ errCode: 47502 })
    await expect(api().setUpdatableMsg({ activityId: id, targetState: 0, templateInfo: { parameterList: [{ name: 'member_count', value: '1' }] } })).rejects.toMatchObject({ errCode: 47001 })
    await expect(api().setUpdatableMsg({ activityId: id, targetState: 1, templateInfo: { parameterList: [{ name: 'path', value: 'pages/x' }, { name: 'version_type', value: 'beta' }] } })).rejects.toMatchObject({ errCode: 47503 })
    expect(cards().get(id)!.state).toBeNull()
    await api().setUpdatableMsg({ activityId: id, targetState: 1, templateInfo: { parameterList: [{ name: 'path', value: 'pages/x' }, { name: 'version_type', value: 'trial' }] } })
    await expect(api().setUpdatableMsg({ activityId: id, targetState: 0, templateInfo: forming('2', '3') })).rejects.toMatchObject({ errCode: 47502 })
    expect(text(id)).toBe('已开始')
    const other = await fresh()
    clock = T0 + 24 * HOUR
    await expect(api().setUpdatableMsg({ activityId: other, targetState: 0, templateInfo: forming('1', '3') })).rejects.toMatchObject({ errCode: 47504 })
  })
})
