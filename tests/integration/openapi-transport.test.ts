import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startCloudbaseServer, type CloudbaseServer } from '../../local/cloudbase/src/server'
import { decodeGetOpenDataReq, encodeGetOpenDataResp } from '../../local/platform/openapi/protobuf'
import { OpenApiEmulator, wxBytes, wxError, wxOk } from '../../local/platform/openapi/registry'
import { platformRoutes } from '../../local/platform/routes'
import { WxPayEmulator } from '../../local/platform/wxpay'
import { pointSdkAt } from '../../local/sdk-env'

/**
 * The open-API transport (node-sdk callCompatibleWxOpenApi, action wx.openApi) as the unmodified wx-server-sdk
 * uses it: parameters arrive snake_case and JSON-parsed, JSON answers come back camelCase, WeChat errcodes are
 * thrown with their code, images come back as bytes, svrkit calls (getOpenData) round-trip their protobuf.
 */
let server: CloudbaseServer
let dataDir: string
const seen: Record<string, unknown>[] = []
const emulator = new OpenApiEmulator({
  handlers: {
    'test.echo': (call) => {
      seen.push(call.params)
      return wxOk({ echo_back: call.params.some_value, appid_seen: call.appid ?? null })
    },
    'test.refuse': () => wxError(43101, 'user refuse to accept the msg'),
    'test.image': () => wxBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'image/png'),
    'test.throws': () => {
      throw new Error('boom')
    },
    ApiGetOpenDataByCloudId: (call) => {
      const req = decodeGetOpenDataReq(call.svrkit ?? Buffer.alloc(0))
      return { kind: 'svrkit', bytes: encodeGetOpenDataResp(req.cloudidList.map((id) => ({ cloudId: id, json: JSON.stringify({ cloudID: id, data: { openGId: `G-${id}` } }) }))) }
    },
  },
})

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-openapi-'))
  const wxpay = new WxPayEmulator({ deliver: async () => ({ errcode: 0 }), retryTimers: false })
  server = await startCloudbaseServer({ port: 0, dataDir, quiet: true, platform: platformRoutes(wxpay, emulator) })
  pointSdkAt(server.url)
})
afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

// eslint-disable-next-line @typescript-eslint/no-var-requires
const cloud = () => {
  const c = require('wx-server-sdk')
  c.init({ env: c.DYNAMIC_CURRENT_ENV })
  return c
}

describe('wx.openApi transport', () => {
  it('passes parameters snake_case and answers camelCase without errcode', async () => {
    const res = await cloud().openapi.test.echo({ someValue: { deepKey: [1, '二'] }, other: 'x' })
    expect(seen.at(-1)).toEqual({ some_value: { deep_key: [1, '二'] }, other: 'x' })
    expect(res).toEqual({ echoBack: { deepKey: [1, '二'] }, appidSeen: null, errCode: 0, errMsg: 'openapi.test.echo:ok' })
    expect(emulator.calls.at(-1)).toMatchObject({ api: 'test.echo', errcode: 0 })
  })

  it("throws WeChat's errcode and records it", async () => {
    await expect(cloud().openapi.test.refuse({})).rejects.toMatchObject({ errCode: 43101 })
    expect(emulator.calls.at(-1)).toMatchObject({ api: 'test.refuse', errcode: 43101 })
  })

  it('answers bytes with their content type', async () => {
    const res = await cloud().openapi.test.image({})
    expect(res.contentType).toBe('image/png')
    expect(Buffer.from(res.buffer)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))
  })

  it('a handler that throws and an API nobody emulates are system errors (-1), not hangs', async () => {
    await expect(cloud().openapi.test.throws({})).rejects.toMatchObject({ errCode: -1 })
    await expect(cloud().openapi.nothing.here({})).rejects.toMatchObject({ errCode: -1 })
    expect(emulator.calls.at(-1)).toMatchObject({ api: 'nothing.here', errcode: -1 })
  })

  it('cloud.getOpenData round-trips the svrkit protobuf', async () => {
    const res = await cloud().getOpenData({ list: ['abc', 'def'] })
    expect(res.list).toEqual([
      { cloudID: 'abc', data: { openGId: 'G-abc' } },
      { cloudID: 'def', data: { openGId: 'G-def' } },
    ])
  })
})
