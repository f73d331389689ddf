import QRCode from 'qrcode'
import type { OpenApiEmulator, OpenApiHandlers } from '../registry'
import { wxBytes, wxError } from '../registry'

/**
 * 小程序码 (WeChat: 获取不限制的小程序码, POST /wxa/getwxacodeunlimit; cloud call openapi.wxacode.getUnlimited):
 * `scene` (≤ 32 visible characters of `0-9A-Za-z!#$&'()*+,/:;=?@-._~`), `page` (an existing page, no leading `/`,
 * no query), `check_path`, `env_version` (release/trial/develop), `width` (280–1280). The answer is the PNG itself;
 * refusals are JSON: 40169 scene too long, 40129 scene with characters it may not hold, 41030 page malformed,
 * 40097 invalid env_version / width.
 *
 * What the emulator cannot know: the image. WeChat draws a round 小程序码 only WeChat can scan; the emulator answers a
 * real PNG of a square QR code of the page's h5 address on the local gateway, `…/#/<page>?scene=<scene>` (the deal
 * page reads `scene` as the share code), so a phone on the same network or the browser can follow it. Nor does it
 * know which pages the released version has (check_path): only the page's form is checked.
 */
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/
const PAGE = /^[A-Za-z0-9_\-/]{1,128}$/

/** Where the local gateway serves the h5 app (set by the stack once the gateway listens). */
export const gatewayBase = (e: OpenApiEmulator) => e.state('gateway.base', () => ({ url: '' }))

export const handlers: OpenApiHandlers = {
  'wxacode.getUnlimited': async (call) => {
    const { scene, page, env_version: envVersion, width } = call.params
    if (typeof scene !== 'string' || scene === '') return wxError(40129, 'invalid scene')
    if ([...scene].length > 32) return wxError(40169, 'invalid length for scene, or the data is not json string')
    if (!SCENE_CHARS.test(scene)) return wxError(40129, 'invalid scene')
    if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || !PAGE.test(page))) return wxError(41030, 'invalid page')
    if (envVersion !== undefined && !['release', 'trial', 'develop'].includes(String(envVersion))) return wxError(40097, 'invalid args: env_version')
    const w = width === undefined ? 430 : Number(width)
    if (!Number.isInteger(w) || w < 280 || w > 1280) return wxError(40097, 'invalid args: width')
    const target = `${gatewayBase(call.emulator).url}/#/${(page as string | undefined) ?? 'pages/index/index'}?scene=${encodeURIComponent(scene)}`
    const png = await QRCode.toBuffer(target, { type: 'png', width: w, margin: 2, errorCorrectionLevel: 'M' })
    return wxBytes(png, 'image/png')
  },
}
