import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startCloudbaseServer, type CloudbaseServer } from '../../local/cloudbase/src/server'
import { CLOUD_ID_TTL_MS, issueGroupCloudID } from '../../local/platform/openapi/apis/open-data'
import { consentsLeft, grantConsent, LOCAL_TEMPLATES, localTemplateEnv, sentMessages } from '../../local/platform/openapi/apis/subscribe-message'
import { gatewayBase } from '../../local/platform/openapi/apis/wxacode'
import { OpenApiEmulator } from '../../local/platform/openapi/registry'
import { platformRoutes } from '../../local/platform/routes'
import { storageEmulator } from '../../local/platform/storage'
import { WxPayEmulator } from '../../local/platform/wxpay'
import { pointSdkAt } from '../../local/sdk-env'
import { ensureCollections } from '../../server/setup/ensure'
import { getDb } from '../../server/platform/cloudbase'
import { resolveGroup } from '../../server/platform/groups'
import { messageSender, messageTemplates } from '../../server/platform/messages'
import { miniCodeMaker } from '../../server/platform/wxacode'

/**
 * The production platform modules (server/platform/messages.ts, wxacode.ts, groups.ts: the unmodified wx-server-sdk)
 * against the local platform emulator behind the CloudBase server's serviceUrl. Time is an input: the emulator's
 * clock is `now` below.
 */
let server: CloudbaseServer
let dataDir: string
let now = Date.parse('2026-11-23T14:00:00+08:00')
const emulator = new OpenApiEmulator({ now: () => now })
const envBefore = { ...process.env }

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-openapi-'))
  const wxpay = new WxPayEmulator({ deliver: async () => ({ errcode: 0 }), retryTimers: false })
  server = await startCloudbaseServer({
    port: 0,
    dataDir,
    quiet: true,
    platform: platformRoutes(wxpay, emulator),
    storage: storageEmulator(path.join(dataDir, 'cloud'), () => 'http://gateway.test'),
  })
  pointSdkAt(server.url)
  Object.assign(process.env, localTemplateEnv())
  gatewayBase(emulator).url = 'http://gateway.test'
  await ensureCollections(getDb())
})
afterAll(async () => {
  process.env = envBefore
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const message = (to: string, kind = 'paid') => ({ to, kind, title: '支付成功', body: '双人下午茶 · 2 份', page: '/pages/order/index?id=o1' })

describe('subscribeMessage.send', () => {
  it('the templates offered for consent are the ones configured for this environment', () => {
    expect(messageTemplates().find((t) => t.kind === 'paid')).toEqual({ kind: 'paid', templateId: LOCAL_TEMPLATES.paid.id, title: '支付成功通知' })
  })

  it('without consent WeChat refuses (43101) and the refusal has its own code; each 允许 sends exactly one', async () => {
    expect(await messageSender().send(message('o_msg_a'))).toEqual({ delivery: 'failed', failure: 'MESSAGE_NOT_ALLOWED', errcode: 43101 })
    expect(grantConsent(emulator, 'o_msg_a', [LOCAL_TEMPLATES.paid.id, 'tmpl_nobody_configured'])).toEqual([LOCAL_TEMPLATES.paid.id])
    expect(await messageSender().send(message('o_msg_a'))).toEqual({ delivery: 'sent' })
    expect(sentMessages(emulator).filter((m) => m.touser === 'o_msg_a')).toEqual([
      { msgid: expect.any(Number), touser: 'o_msg_a', templateId: LOCAL_TEMPLATES.paid.id, page: '/pages/order/index?id=o1', data: { thing1: '支付成功', thing2: '双人下午茶 · 2 份' }, at: now },
    ])
    expect(consentsLeft(emulator, 'o_msg_a', LOCAL_TEMPLATES.paid.id)).toBe(0)
    expect(await messageSender().send(message('o_msg_a'))).toMatchObject({ delivery: 'failed', failure: 'MESSAGE_NOT_ALLOWED' })
  })

  it('a template id this mini-program does not have is 40037; data that does not fit its keywords is 47003; neither uses the consent', async () => {
    grantConsent(emulator, 'o_msg_b', [LOCAL_TEMPLATES.refunded.id])
    process.env.TUANKA_TEMPLATE_REFUNDED = 'tmpl_deleted_in_console'
    try {
      expect(await messageSender().send(message('o_msg_b', 'refunded'))).toEqual({ delivery: 'failed', failure: 'MESSAGE_TEMPLATE_INVALID', errcode: 40037 })
    } finally {
      process.env.TUANKA_TEMPLATE_REFUNDED = LOCAL_TEMPLATES.refunded.id
    }
    process.env.TUANKA_TEMPLATE_FIELDS_REFUNDED = 'thing1,thing7'
    try {
      expect(await messageSender().send(message('o_msg_b', 'refunded'))).toEqual({ delivery: 'failed', failure: 'MESSAGE_DATA_INVALID', errcode: 47003 })
    } finally {
      delete process.env.TUANKA_TEMPLATE_FIELDS_REFUNDED
    }
    expect(consentsLeft(emulator, 'o_msg_b', LOCAL_TEMPLATES.refunded.id)).toBe(1)
    expect(sentMessages(emulator).filter((m) => m.touser === 'o_msg_b')).toEqual([])
    // A long text is cut to what a `thing` keyword holds (20 characters), so WeChat takes it.
    const long = { ...message('o_msg_b', 'refunded'), body: '一二三四五六七八九十一二三四五六七八九十超出' }
    expect(await messageSender().send(long)).toEqual({ delivery: 'sent' })
    expect(sentMessages(emulator).at(-1)?.data.thing2).toBe('一二三四五六七八九十一二三四五六七八九十')
  })

  it('a kind without a configured template stays in the app (recorded), nothing is sent', async () => {
    delete process.env.TUANKA_TEMPLATE_SETTLED
    try {
      const before = emulator.calls.length
      expect(await messageSender().send(message('o_msg_c', 'settled'))).toEqual({ delivery: 'recorded' })
      expect(emulator.calls.length).toBe(before)
    } finally {
      process.env.TUANKA_TEMPLATE_SETTLED = LOCAL_TEMPLATES.settled.id
    }
  })
})

describe('wxacode.getUnlimited + cloud storage', () => {
  it('makes a PNG of the share code, stores it through uploadFile and answers its cloud file id', async () => {
    const code = await miniCodeMaker().make('AbC12345', 'pages/deal/index')
    expect(code).toEqual({ kind: 'image', url: 'cloud://tuanka-local.local-bucket/wxacode/AbC12345.png' })
    const file = path.join(dataDir, 'cloud', 'wxacode', 'AbC12345.png')
    expect(existsSync(file)).toBe(true)
    expect(readFileSync(file).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(emulator.calls.filter((c) => c.api === 'wxacode.getUnlimited').at(-1)).toMatchObject({ params: { scene: 'AbC12345', page: 'pages/deal/index', check_path: false, width: 430 }, errcode: 0 })
  })

  it("WeChat's refusals are errors (a scene over 32 characters, a page with a leading slash)", async () => {
    await expect(miniCodeMaker().make('x'.repeat(33), 'pages/deal/index')).rejects.toMatchObject({ errCode: 40169 })
    await expect(miniCodeMaker().make('AbC12345', '/pages/deal/index')).rejects.toMatchObject({ errCode: 41030 })
  })

  it('getTempFileURL answers where the gateway serves the stored file', async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const res = await cloud.getTempFileURL({ fileList: ['cloud://tuanka-local.local-bucket/wxacode/AbC12345.png'] })
    expect(res.fileList[0]).toMatchObject({ fileID: 'cloud://tuanka-local.local-bucket/wxacode/AbC12345.png', tempFileURL: 'http://gateway.test/files/cloud/wxacode/AbC12345.png', status: 0 })
  })
})

describe('cloud.getOpenData: group identity', () => {
  it('a cloudID the platform issued names its group; after five minutes WeChat no longer answers it, but the product keeps what it learnt', async () => {
    const cloudID = issueGroupCloudID(emulator, 'g_open_data') as string
    expect(cloudID).not.toMatch(/g_open_data/)
    expect(await resolveGroup(getDb(), cloudID)).toBe('g_open_data')
    // Another cloudID for the same group, never resolved, expires.
    const late = issueGroupCloudID(emulator, 'g_open_data') as string
    now += CLOUD_ID_TTL_MS + 1
    expect(await resolveGroup(getDb(), late)).toBeNull()
    expect(await resolveGroup(getDb(), cloudID)).toBe('g_open_data')
  })

  it('a stored answer the caller read along with other documents (groupRefOf) is used as it is, not read again', async () => {
    const cloudID = issueGroupCloudID(emulator, 'g_open_data_kept') as string
    now += CLOUD_ID_TTL_MS + 1
    // WeChat no longer answers it: what the caller found stored is the answer; nothing stored and no answer is no group.
    expect(await resolveGroup(getDb(), cloudID, { groupId: 'g_open_data_kept' })).toBe('g_open_data_kept')
    const other = issueGroupCloudID(emulator, 'g_open_data_kept') as string
    now += CLOUD_ID_TTL_MS + 1
    expect(await resolveGroup(getDb(), other, null)).toBeNull()
  })

  it('a forged or local-style cloudID is "no group", not an error', async () => {
    expect(await resolveGroup(getDb(), 'local:g_open_data')).toBeNull()
    expect(await resolveGroup(getDb(), 'abc_forged')).toBeNull()
    expect(await resolveGroup(getDb(), undefined)).toBeNull()
    expect(issueGroupCloudID(emulator, 'bad group!')).toBeNull()
  })
})
