import { createHash, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { readLimited } from '../http-body'

/**
 * `POST /local/upload` — the local stand-in for cloud storage (production: `wx.cloud.uploadFile` → `cloud://` id).
 *
 * The body is the image's bytes (any content-type). The caller must name itself in `x-tuanka-openid`, as every
 * signed-in call does: that also makes a browser preflight a cross-site request, which the gateway never allows.
 * The type is read from the bytes (JPEG, PNG, WebP; never SVG or HTML, whatever the name or header says), the size is
 * at most 2 MB, and the file is stored content-addressed as `<uploadDir>/<sha256 prefix>.<ext>`: the same bytes
 * always give the same URL, and a refused upload writes nothing.
 *
 * Answers an envelope like the rest of the gateway: `{ ok: true, data: { url: '/files/uploads/<name>' } }`, or
 * `{ ok: false, code, message }` with 413 IMAGE_TOO_LARGE, 415 IMAGE_TYPE_UNSUPPORTED, 401 UNAUTHENTICATED,
 * 403 FORBIDDEN (not loopback).
 */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024
export const UPLOAD_URL_PREFIX = '/files/uploads/'

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export const UPLOAD_MESSAGES = {
  IMAGE_TOO_LARGE: '图片不能超过 2 MB',
  IMAGE_TYPE_UNSUPPORTED: '只支持 JPG、PNG、WebP 格式的图片',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '仅限本机访问',
} as const
type UploadCode = keyof typeof UPLOAD_MESSAGES

export type ImageExt = 'jpg' | 'png' | 'webp'

/** The image type from its first bytes; null for anything else (SVG, HTML, GIF, truncated files…). */
export function sniffImage(b: Buffer): ImageExt | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg'
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (b.length >= 16 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: UploadCode) {
  // The rest of the body is read and dropped, so the client sees the answer rather than a reset connection.
  req.resume()
  send(res, status, { ok: false, code, message: UPLOAD_MESSAGES[code] })
}

export async function handleUpload(req: IncomingMessage, res: ServerResponse, uploadDir: string): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return refuse(req, res, 403, 'FORBIDDEN')
  const header = req.headers['x-tuanka-openid']
  const openid = Array.isArray(header) ? header[0] : header
  if (!openid || !OPENID_RE.test(openid)) return refuse(req, res, 401, 'UNAUTHENTICATED')
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) return refuse(req, res, 413, 'IMAGE_TOO_LARGE')

  const { tooLarge, bytes: body } = await readLimited(req, MAX_UPLOAD_BYTES)
  if (tooLarge) return refuse(req, res, 413, 'IMAGE_TOO_LARGE')
  const ext = sniffImage(body)
  if (!ext) return refuse(req, res, 415, 'IMAGE_TYPE_UNSUPPORTED')

  const name = `${createHash('sha256').update(body).digest('hex').slice(0, 32)}.${ext}`
  const file = path.join(uploadDir, name)
  await fs.mkdir(uploadDir, { recursive: true })
  const exists = await fs.stat(file).then(
    (s) => s.isFile() && s.size === body.length,
    () => false,
  )
  if (!exists) {
    // Written beside, then renamed: a reader never sees half a file, and two equal uploads at once both succeed.
    const tmp = path.join(uploadDir, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      await fs.writeFile(tmp, body)
      await fs.rename(tmp, file)
    } catch (e) {
      await fs.rm(tmp, { force: true })
      throw e
    }
  }
  send(res, 200, { ok: true, data: { url: `${UPLOAD_URL_PREFIX}${name}` } })
}
