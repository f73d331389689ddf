import { API_TYPE, decodeCommApiData, encodeCommOpenApiResp } from './protobuf'
import type { MediaParam, OpenApiEmulator } from './registry'

/**
 * One `wx.openApi` call as node-sdk's callCompatibleWxOpenApi sends it (wx-server-sdk 4.0.2 index.js,
 * src/api/cloud/provider/tcb/api/callWXOpenAPI.ts): multipart fields `action`, `apiName`, `requestData` (a protobuf
 * CommApiData). OPEN_API calls (`cloud.openapi.*`, src/api/openapi/namespace/generic.ts) carry their parameters as
 * key/value pairs, each value JSON text or media bytes; SVRKIT_API calls (`cloud.getOpenData`,
 * src/api/open/api/getOpenData.ts) carry a protobuf request. The answer is a protobuf CommOpenApiResp sent as
 * bytes: `respData` with `contentType` (JSON, which the SDK parses and whose errcode it throws, or e.g. an image),
 * `svrkitErrorCode` for svrkit calls.
 */
export async function answerOpenApi(emulator: OpenApiEmulator, apiName: string, requestData: Buffer): Promise<Buffer | { code: string; message: string }> {
  let data
  try {
    data = decodeCommApiData(requestData)
  } catch (e) {
    return { code: 'INVALID_PARAM', message: `requestData is not a CommApiData: ${(e as Error).message}` }
  }
  if (data.apiType === API_TYPE.SVRKIT_API) {
    const sk = data.svrkit
    if (!sk) return { code: 'INVALID_PARAM', message: 'svrkit call without svrkitData' }
    const answer = await emulator.call({ api: sk.apiName, appid: data.appid, params: {}, media: {}, svrkit: sk.reqData })
    if (answer.kind === 'svrkit') return encodeCommOpenApiResp({ respData: answer.bytes, svrkitErrorCode: 0, httpCode: 200 })
    const code = answer.kind === 'json' ? Number(answer.body.errcode) || -1 : -1
    return encodeCommOpenApiResp({ svrkitErrorCode: code, httpCode: 200 })
  }
  if (data.apiType !== API_TYPE.OPEN_API) return { code: 'INVALID_PARAM', message: `api type ${data.apiType} is not emulated` }
  const params: Record<string, unknown> = {}
  const media: Record<string, MediaParam> = {}
  for (const p of data.pairs) {
    if (p.contentType) {
      media[p.key] = { value: p.value, contentType: p.contentType, filename: p.filename }
      continue
    }
    const text = p.value.toString('utf8')
    try {
      params[p.key] = JSON.parse(text)
    } catch {
      params[p.key] = text
    }
  }
  const answer = await emulator.call({ api: apiName, appid: data.appid, params, media })
  if (answer.kind === 'bytes') return encodeCommOpenApiResp({ respData: answer.bytes, contentType: answer.contentType, httpCode: 200 })
  if (answer.kind === 'svrkit') return { code: 'SYS_ERR', message: `${apiName} answered a svrkit body to an open-API call` }
  return encodeCommOpenApiResp({ respData: Buffer.from(JSON.stringify(answer.body)), contentType: 'application/json; encoding=utf-8', httpCode: 200 })
}
