import type { IncomingMessage, ServerResponse } from 'node:http'
import { messageFor } from '../../core/errors'
import { updatableCards, updatableCardText } from '../platform/openapi/apis/updatable-message'
import type { OpenApiEmulator } from '../platform/openapi/registry'
import { isLoopback } from './time-routes'

/**
 * `GET /local/updatable-message?activityId=…`: what the emulated WeChat shows under a shared card (动态消息) — the
 * line "成员正在加入，当前 x/y 人" or "已开始", as the last accepted setUpdatableMsg left it. The h5 app's shared-card
 * preview reads it; production has no such thing (WeChat draws the card itself). Loopback callers only.
 * An activity id the platform never issued answers `data: null`.
 */
const ACTIVITY_RE = /^[A-Za-z0-9#_-]{1,128}$/

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** Answers the request and returns true when it is this route. */
export function updatableCardRoute(openapi: OpenApiEmulator): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean> {
  return async (req, res, pathname) => {
    if (pathname !== '/local/updatable-message') return false
    const url = new URL(req.url ?? '/', 'http://local')
    if (req.method !== 'GET') {
      send(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: '请求方式不正确' })
      return true
    }
    if (!isLoopback(req)) {
      send(res, 403, { ok: false, code: 'FORBIDDEN', message: messageFor('FORBIDDEN') })
      return true
    }
    const activityId = url.searchParams.get('activityId') ?? ''
    if (!ACTIVITY_RE.test(activityId)) {
      send(res, 400, { ok: false, code: 'INVALID_INPUT', message: messageFor('INVALID_INPUT') })
      return true
    }
    const card = updatableCards(openapi).get(activityId)
    const data = card
      ? {
          activityId,
          text: updatableCardText(card.state),
          targetState: card.state?.targetState ?? null,
          memberCount: card.state?.memberCount ?? null,
          roomLimit: card.state?.roomLimit ?? null,
          path: card.path,
          expiresAt: card.expiresAt,
          updates: card.history.length,
        }
      : null
    send(res, 200, { ok: true, data })
    return true
  }
}

type Route = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>

/** The gateway's platform routes with this one in front (local/stack.ts passes the result as `platformSheets`). */
export function withUpdatableCard(openapi: OpenApiEmulator, rest: Route): Route {
  const card = updatableCardRoute(openapi)
  return async (req, res, pathname) => (await card(req, res, pathname)) || rest(req, res, pathname)
}
