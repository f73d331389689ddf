import type { CloudFunctionMain } from '../../gateway/functions'
import { scfContext } from '../../gateway/scf-context'
import type { CallbackRequest } from './emulator'

/**
 * The merchant's notify_url in local runs: TCB HTTP access's address form (`https://<env>.<region>.app.tcloudbase.com/<path>`,
 * path `/promoters` bound to the promoters function). Nothing resolves it: `httpAccessDeliver` routes it in-process.
 */
export const LOCAL_TRANSFER_NOTIFY_URL = 'https://tuanka-local.ap-shanghai.app.tcloudbase.com/promoters/transfer-notify'

/**
 * TCB HTTP access (云接入) as it hands a POST to a function: an integration event `{ httpMethod, path, headers
 * (lower-cased), queryStringParameters, body, isBase64Encoded }`, no user in the context; the function's
 * `{ statusCode, headers, body }` is the HTTP answer. The first path segment names the function.
 */
export function httpAccessDeliver(fns: Record<string, CloudFunctionMain>) {
  return async (url: string, req: CallbackRequest): Promise<number> => {
    const u = new URL(url)
    const name = u.pathname.split('/')[1] ?? ''
    if (!Object.prototype.hasOwnProperty.call(fns, name)) return 404
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]))
    const event = { httpMethod: 'POST', path: u.pathname, headers, queryStringParameters: Object.fromEntries(u.searchParams), body: req.body, isBase64Encoded: false }
    const reply = (await fns[name](event, scfContext(name, null))) as { statusCode?: unknown } | null
    return typeof reply?.statusCode === 'number' ? reply.statusCode : 502
  }
}
