import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startLocalStack, type LocalStack } from '../../local/stack'

// Its own stack (no demo data): the test looks into the data directory to see what was written.
let stack: LocalStack
let dataDir: string
let uploadDir: string
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-upload-'))
  uploadDir = path.join(dataDir, 'files', 'uploads')
  stack = await startLocalStack({ dataDir, seed: false, quiet: true })
})
afterAll(async () => {
  await stack.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

// A real 1×1 PNG, and the first bytes of a JPEG and a WebP (the gateway reads the type from the bytes).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])])
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(40, 2)])
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>')
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')

async function upload(body: Buffer, headers: Record<string, string> = { 'x-tuanka-openid': 'o_demo_owner_a' }) {
  const res = await fetch(`${stack.apiUrl}/local/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: Uint8Array.from(body) })
  return { status: res.status, body: (await res.json()) as any }
}

/** Files in the upload folder (none when it does not exist yet). */
const stored = () => (existsSync(uploadDir) ? readdirSync(uploadDir).sort() : [])

describe('POST /local/upload', () => {
  it('stores a PNG content-addressed and serves it back byte for byte', async () => {
    const res = await upload(PNG)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, data: { url: expect.stringMatching(/^\/files\/uploads\/[0-9a-f]{32}\.png$/) } })
    const url: string = res.body.data.url
    expect(stored()).toEqual([url.slice('/files/uploads/'.length)])

    const back = await fetch(`${stack.apiUrl}${url}`)
    expect(back.status).toBe(200)
    expect(back.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true)

    const again = await upload(PNG)
    expect(again.body.data.url).toBe(url)
    expect(stored()).toHaveLength(1)
  })

  it('reads JPEG and WebP from their bytes, whatever the header says', async () => {
    const jpg = await upload(JPEG, { 'x-tuanka-openid': 'o_demo_consumer', 'content-type': 'image/png' })
    expect(jpg.body.data.url).toMatch(/\.jpg$/)
    const webp = await upload(WEBP)
    expect(webp.body.data.url).toMatch(/\.webp$/)
    const served = await fetch(`${stack.apiUrl}${webp.body.data.url}`)
    expect(served.headers.get('content-type')).toBe('image/webp')
  })

  it('accepts exactly 2 MB', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length, 7)])
    const res = await upload(big)
    expect(res.status).toBe(200)
  })

  const refusals: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    ['SVG', () => upload(SVG), 415, 'IMAGE_TYPE_UNSUPPORTED'],
    ['SVG named a PNG', () => upload(SVG, { 'x-tuanka-openid': 'o_demo_owner_a', 'content-type': 'image/png' }), 415, 'IMAGE_TYPE_UNSUPPORTED'],
    ['HTML', () => upload(HTML), 415, 'IMAGE_TYPE_UNSUPPORTED'],
    ['GIF', () => upload(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;')), 415, 'IMAGE_TYPE_UNSUPPORTED'],
    ['empty body', () => upload(Buffer.alloc(0)), 415, 'IMAGE_TYPE_UNSUPPORTED'],
    ['truncated PNG signature', () => upload(PNG.subarray(0, 5)), 415, 'IMAGE_TYPE_UNSUPPORTED'],
    ['over 2 MB', () => upload(Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024, 7)])), 413, 'IMAGE_TOO_LARGE'],
    ['anonymous', () => upload(PNG, {}), 401, 'UNAUTHENTICATED'],
    ['bad identity header', () => upload(PNG, { 'x-tuanka-openid': 'a b;c' }), 401, 'UNAUTHENTICATED'],
  ]

  it.each(refusals)('refuses %s with a stable code and writes nothing', async (_name, send, status, code) => {
    const before = stored()
    const res = await send()
    expect(res.status).toBe(status)
    expect(res.body).toMatchObject({ ok: false, code })
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(stored()).toEqual(before)
  })

  it('refuses an oversized body sent without a length (chunked) once it passes the limit', async () => {
    const before = stored()
    const res = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(`${stack.apiUrl}/local/upload`, { method: 'POST', headers: { 'x-tuanka-openid': 'o_demo_owner_a', 'transfer-encoding': 'chunked' } }, (r) => {
        let text = ''
        r.on('data', (c: Buffer) => (text += c.toString()))
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body: JSON.parse(text) }))
      })
      req.on('error', reject)
      req.write(PNG)
      for (let i = 0; i < 40; i++) req.write(Buffer.alloc(64 * 1024, 3))
      req.end()
    })
    expect(res).toMatchObject({ status: 413, body: { ok: false, code: 'IMAGE_TOO_LARGE' } })
    expect(stored()).toEqual(before)
  })

  it('is POST only, and uploads cannot be read outside their folder', async () => {
    expect((await fetch(`${stack.apiUrl}/local/upload`)).status).toBe(404)
    expect((await fetch(`${stack.apiUrl}/files/uploads/..%2F..%2Fjournal`)).status).toBe(404)
    expect((await fetch(`${stack.apiUrl}/files/uploads/nosuch.png`)).status).toBe(404)
  })
})
