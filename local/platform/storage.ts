import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { readBytes } from './multipart'

/**
 * Cloud storage as node-sdk's `uploadFile` reaches it (wx-server-sdk → node-sdk src/storage/index.ts): the JSON
 * action `storage.getUploadMetadata` on the serviceUrl answers where to PUT the bytes (on TCB a COS address with a
 * signature, `fileId` the cloud:// id to keep), then the bytes go to that address by PUT, and COS answers an empty
 * body (or an XML <Error>). `storage.batchGetDownloadUrl` (getTempFileURL) answers `download_list` items
 * `{ fileID, tempFileURL, code }` (node-sdk types IFileUrlInfo; wx-server-sdk reads exactly these). Locally the
 * address is this same server (`PUT /cos/<cloudPath>`), the bytes land in `dir`, and the gateway serves that folder
 * at /files/cloud/, which is where the h5 app shows a cloud:// id (src/shared/api/media.ts).
 *
 * What the emulator cannot know: storage permissions (the console's rules), COS signatures and the temporary
 * URLs' expiry; it accepts any upload into the environment's bucket and serves everything.
 */
export const LOCAL_BUCKET = 'tuanka-local.local-bucket'
const SAFE_PATH = /^(?!.*\.\.)[A-Za-z0-9_\-./]{1,512}$/

export interface StorageEmulator {
  /** A JSON action `storage.*`; undefined for an action it does not know. */
  action(name: string, params: Record<string, unknown>, req: IncomingMessage): Promise<Record<string, unknown>>
  /** PUT /cos/<cloudPath>: the upload itself. */
  put(req: IncomingMessage, res: ServerResponse): Promise<void>
}

export const fileIdOf = (cloudPath: string) => `cloud://${LOCAL_BUCKET}/${cloudPath}`
export const cloudPathOf = (fileId: string) => (fileId.startsWith(`cloud://${LOCAL_BUCKET}/`) ? fileId.slice(`cloud://${LOCAL_BUCKET}/`.length) : null)

function cosError(res: ServerResponse, status: number, code: string, message: string) {
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>-</Resource><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml' })
  res.end(xml)
}

/** `dir` holds the files by cloud path; `publicBase` is where the gateway serves it (for download URLs). */
export function storageEmulator(dir: string, publicBase: () => string | undefined = () => undefined): StorageEmulator {
  return {
    async action(name, params, req) {
      if (name === 'storage.getUploadMetadata') {
        const p = params.path
        if (typeof p !== 'string' || !SAFE_PATH.test(p) || p.startsWith('/')) return { code: 'INVALID_PARAM', message: 'invalid cloudPath' }
        const url = `http://${req.headers.host}/cos/${p.split('/').map(encodeURIComponent).join('/')}`
        return { data: { url, token: 'local-token', authorization: 'local-authorization', fileId: fileIdOf(p), cosFileId: `local-${p}` } }
      }
      if (name === 'storage.batchGetDownloadUrl') {
        const list = Array.isArray(params.file_list) ? (params.file_list as { fileid?: unknown }[]) : []
        return {
          data: {
            download_list: list.map((f) => {
              const fileid = typeof f?.fileid === 'string' ? f.fileid : ''
              const p = cloudPathOf(fileid)
              const base = publicBase()
              return p && base ? { fileID: fileid, tempFileURL: `${base}/files/cloud/${p}`, code: 'SUCCESS' } : { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
            }),
          },
        }
      }
      return { code: 'INVALID_ACTION', message: `storage action ${name} is not emulated (local/platform/storage.ts)` }
    },
    async put(req, res) {
      const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/cos\//, ''))
      if (!SAFE_PATH.test(rel)) return cosError(res, 400, 'InvalidURI', 'invalid object key')
      const bytes = await readBytes(req, 20 * 1024 * 1024).catch(() => null)
      if (!bytes) return cosError(res, 400, 'EntityTooLarge', 'object too large')
      const file = path.join(dir, rel)
      mkdirSync(path.dirname(file), { recursive: true })
      // Whole or not at all: a reader never sees half a file.
      writeFileSync(`${file}.part`, bytes)
      renameSync(`${file}.part`, file)
      res.writeHead(200, { 'content-length': 0 })
      res.end()
    },
  }
}
