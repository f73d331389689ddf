import type { IncomingMessage, ServerResponse } from 'node:http'
import { messageFor } from '../../core/errors'
import { issueGroupCloudID } from '../platform/openapi/apis/open-data'
import { grantConsent } from '../platform/openapi/apis/subscribe-message'
import type { OpenApiEmulator } from '../platform/openapi/registry'
import { readLimited } from '../http-body'
import { isLoopback } from './time-routes'

/**
 * What WeChat's own client does before the product's code runs, as the local h5 app (or a weapp built for the
 * gateway) asks the platform emulator for it. Loopback callers only.
 * - `POST /local/group-enter` `{ g }`: the stand-in for wx.getGroupEnterInfo on a page opened from a group card —
 *   the emulator issues a cloudID for group `g` (five minutes, as WeChat's), which the functions resolve with
 *   cloud.getOpenData like any other.
 * - `POST /local/subscribe` `{ tmplIds }` with `x-tuanka-openid`: the user tapped 允许 in the stand-in for
 *   wx.requestSubscribeMessage; WeChat records one message of each template for that user.
 */
const MAX_BODY = 16 * 1024
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
const refuse = (res: ServerResponse, status: number, code: string) => send(res, status, { ok: false, code, message: messageFor(code) })

async function readJson(req: IncomingMessage): Promise<{ tooLarge: true } | { tooLarge: false; value: unknown }> {
  const { tooLarge, bytes } = await readLimited(req, MAX_BODY)
  if (tooLarge) return { tooLarge: true }
  try {
    return { tooLarge: false, value: JSON.parse(bytes.toString('utf8')) }
  } catch {
    return { tooLarge: false, value: undefined }
  }
}

/** Answers the request and returns true when it is one of these routes. */
export function platformSheets(openapi: OpenApiEmulator): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean> {
  return async (req, res, pathname) => {
    if (pathname !== '/local/group-enter' && pathname !== '/local/subscribe') return false
    if (req.method !== 'POST') {
      send(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: '请求方式不正确' })
      return true
    }
    if (!isLoopback(req)) {
      refuse(res, 403, 'FORBIDDEN')
      return true
    }
    const header = req.headers['x-tuanka-openid']
    const openid = (Array.isArray(header) ? header[0] : header) || null
    if (openid !== null && !OPENID_RE.test(openid)) {
      send(res, 400, { ok: false, code: 'INVALID_INPUT', message: '身份标识不正确' })
      return true
    }
    const body = await readJson(req)
    if (body.tooLarge) {
      refuse(res, 413, 'PAYLOAD_TOO_LARGE')
      return true
    }
    const v = body.value as { g?: unknown; tmplIds?: unknown } | undefined
    if (pathname === '/local/group-enter') {
      const cloudID = typeof v?.g === 'string' ? issueGroupCloudID(openapi, v.g, openid) : null
      if (!cloudID) refuse(res, 400, 'INVALID_INPUT')
      else send(res, 200, { ok: true, data: { cloudID } })
      return true
    }
    if (!openid) {
      refuse(res, 401, 'UNAUTHENTICATED')
      return true
    }
    const ids = v?.tmplIds
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 3 || !ids.every((x) => typeof x === 'string' && x.length <= 64)) {
      refuse(res, 400, 'INVALID_INPUT')
      return true
    }
    send(res, 200, { ok: true, data: { accepted: grantConsent(openapi, openid, ids as string[]) } })
    return true
  }
}
