import { createReadStream, promises as fs } from 'node:fs'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map'])
/**
 * Compressed copies by encoding, path and mtime: the h5 build is served compressed, as any production host would
 * (brotli when the browser takes it, ~15 % smaller than gzip on these scripts; else gzip). Made once per file.
 */
const compressed = new Map<string, { mtimeMs: number; body: Buffer }>()
const ENCODERS = {
  br: (b: Buffer) => brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 10, [zlib.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  gzip: (b: Buffer) => gzipSync(b, { level: 9 }),
}

/** The encoding to answer with: brotli when the request accepts it (the response's own request), else gzip if accepted. */
function encodingFor(res: ServerResponse, acceptGzip: boolean): keyof typeof ENCODERS | null {
  const accept = String((res as ServerResponse & { req?: { headers?: Record<string, unknown> } }).req?.headers?.['accept-encoding'] ?? '')
  if (/(^|[\s,])br(\s*;\s*q=(1|0?\.[0-9]*[1-9]))?\s*(,|$)/.test(accept)) return 'br'
  return acceptGzip ? 'gzip' : null
}

/** Serves `rel` from `root`, refusing anything that resolves outside it. Returns false when not found. */
export async function serveFile(res: ServerResponse, root: string, rel: string, cache = false, acceptGzip = false): Promise<boolean> {
  const decoded = safeDecode(rel)
  if (decoded === null || decoded.includes('\0')) return false
  const abs = path.resolve(root, '.' + path.posix.normalize('/' + decoded))
  if (abs !== root && !abs.startsWith(root + path.sep)) return false
  try {
    const st = await fs.stat(abs)
    if (!st.isFile()) return false
    const ext = path.extname(abs).toLowerCase()
    const encoding = COMPRESSIBLE.has(ext) && st.size > 1024 ? encodingFor(res, acceptGzip) : null
    if (encoding) {
      const key = `${encoding}:${abs}`
      let entry = compressed.get(key)
      if (!entry || entry.mtimeMs !== st.mtimeMs) {
        entry = { mtimeMs: st.mtimeMs, body: ENCODERS[encoding](await fs.readFile(abs)) }
        compressed.set(key, entry)
      }
      res.writeHead(200, {
        'content-type': MIME[ext] ?? 'application/octet-stream',
        'content-encoding': encoding,
        vary: 'accept-encoding',
        'content-length': entry.body.length,
        'cache-control': cache ? 'public, max-age=31536000, immutable' : 'no-cache',
      })
      res.end(entry.body)
      return true
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(abs).toLowerCase()] ?? 'application/octet-stream',
      ...(COMPRESSIBLE.has(ext) && st.size > 1024 ? { vary: 'accept-encoding' } : {}),
      'content-length': st.size,
      'cache-control': cache ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
    createReadStream(abs).pipe(res)
    return true
  } catch {
    return false
  }
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}
