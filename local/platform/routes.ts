import type { IncomingMessage } from 'node:http'
import { parseMultipart, readBytes } from './multipart'
import type { WxPayEmulator } from './wxpay'
import { answerControl } from './wxpay-control'
import { OpenApiEmulator } from './openapi/registry'
import { answerOpenApi } from './openapi/transport'

/**
 * The platform calls node-sdk sends to the same serviceUrl as database actions, as multipart/form-data
 * (node-sdk src/wx/index.ts: callWxPayApi -> action `wx.wxPayApi`, fields apiName, apiOptions (protobuf
 * ApiOptions { appid }), requestData (JSON bytes)). WeChat Pay's answer goes back as bytes, which wx-server-sdk
 * JSON-parses; TCB's own failure is `{ code, message }` sent as application/json. `wx.openApi` (cloud.openapi.*,
 * cloud.getOpenData) goes to the open-API emulator (local/platform/openapi/registry.ts says how to add an API).
 */
export type PlatformHandler = (req: IncomingMessage) => Promise<unknown>

export function platformRoutes(wxpay: WxPayEmulator, openapi: OpenApiEmulator = new OpenApiEmulator()): PlatformHandler {
  return async (req) => {
    const fields = parseMultipart(await readBytes(req), req.headers['content-type'] ?? '')
    if (!fields) return { code: 'INVALID_PARAM', message: 'malformed multipart body' }
    const action = fields.action?.toString('utf8')
    if (action === 'wx.openApi') return answerOpenApi(openapi, fields.apiName?.toString('utf8') ?? '', fields.requestData ?? Buffer.alloc(0))
    if (action === 'local.wxpay') return answerControl(wxpay, fields.op?.toString('utf8') ?? '', JSON.parse(fields.args?.toString('utf8') || '{}'))
    if (action !== 'wx.wxPayApi') return { code: 'INVALID_ACTION', message: `unknown platform action ${JSON.stringify(action)}` }
    const apiName = fields.apiName?.toString('utf8') ?? ''
    let data: unknown
    try {
      data = JSON.parse(fields.requestData?.toString('utf8') ?? '')
    } catch {
      return { code: 'INVALID_PARAM', message: 'requestData is not JSON' }
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) return { code: 'INVALID_PARAM', message: 'requestData must be an object' }
    return Buffer.from(JSON.stringify(wxpay.handle(apiName, data as Record<string, unknown>)))
  }
}
