import Taro from '@tarojs/taro'
import { messageFor } from '@core/errors'
import { ApiError } from '@/shared/api/errors'
import { localOpenid } from '@/shared/api/call'
import { MAX_IMAGE_BYTES, UPLOAD_MESSAGES, cloudPathFor, imageExtOf, randomName, sniffImage, uploadProblem, type ImageExt } from './rules'

/**
 * THE way the client uploads an image; the result is an image ref the functions accept (core/contracts ImageRef):
 * - weapp + cloud backend (production): `Taro.cloud.uploadFile` to `uploads/<yyyymm>/<random>.<ext>` → `cloud://…`;
 * - otherwise (h5, weapp local builds): the bytes to the local gateway's `POST /local/upload` → `/files/uploads/…`.
 * Both check type (JPEG, PNG, WebP) and size (≤ 2 MB) first; the mini-program shrinks a large photo before that.
 */

/** A picked file, before upload. `preview` is what an Image can show meanwhile (temp path, blob: URL). */
export interface PickedImage {
  preview: string
  size: number
  /** From the MIME type or the path; null when unknown (the bytes decide on h5). */
  ext: ImageExt | null
  /** h5: the browser's File. */
  file?: Blob
  /** Known not to be uploadable when picked (an UPLOAD_MESSAGES code): said when its upload is tried. */
  refused?: string
}

/** A refusal or failure, as an ApiError whose message is the Chinese text for an upload (never a code). */
export class UploadError extends ApiError {
  constructor(code: string) {
    super(code)
    this.message = UPLOAD_MESSAGES[code] ?? messageFor(code)
  }
}

const useCloud = () => process.env.TARO_ENV === 'weapp' && TUANKA_BACKEND === 'cloud'

/** Opens the album/camera for up to `count` images; [] when the user cancelled. */
export async function pickImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return []
  const chosen = process.env.TARO_ENV === 'h5' ? watchChosenFiles() : null
  let res: Taro.chooseMedia.SuccessCallbackResult
  try {
    res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: unknown })?.errMsg ?? ''))) return []
    throw new UploadError('PICK_FAILED')
  } finally {
    chosen?.stop()
  }
  const picked = (res.tempFiles ?? []).map((f) => ({
    preview: f.tempFilePath,
    size: f.size,
    ext: imageExtOf(f.originalFileObj?.type || f.tempFilePath) ?? (f.originalFileObj?.name ? imageExtOf(f.originalFileObj.name) : null),
    file: f.originalFileObj,
  }))
  return (chosen ? withDropped(picked, chosen.files) : picked).slice(0, count)
}

/**
 * h5: Taro's picker leaves out, without a word, every chosen file the browser cannot draw (a PDF, a HEIC photo),
 * and returns nothing at all when that was the only one. The files as chosen are read from the file input's change
 * event (it reaches the document before Taro's handler), so each one gets its own answer.
 */
function watchChosenFiles(): { files: File[]; stop: () => void } {
  const seen = { files: [] as File[], stop: () => document.removeEventListener('change', onChange, true) }
  function onChange(e: Event) {
    const t = e.target
    if (t instanceof HTMLInputElement && t.type === 'file' && t.files) seen.files = Array.from(t.files)
  }
  document.addEventListener('change', onChange, true)
  return seen
}

/** The chosen files in order: what the picker made of each, or the file it left out, refused when uploaded. */
function withDropped(picked: PickedImage[], files: File[]): PickedImage[] {
  if (files.length === 0) return picked
  return files.map(
    (f) =>
      picked.find((p) => p.file === f) ?? {
        preview: '',
        size: f.size,
        ext: imageExtOf(f.type) ?? imageExtOf(f.name),
        file: f,
        refused: f.type !== '' && !f.type.startsWith('image/') ? 'NOT_AN_IMAGE' : undefined,
      },
  )
}

/** Uploads one picked image; resolves to its ref. `onProgress` gets 0-100 where the platform reports it. */
export async function uploadImage(p: PickedImage, onProgress?: (percent: number) => void): Promise<string> {
  if (p.refused) throw new UploadError(p.refused)
  if (process.env.TARO_ENV === 'h5') return viaGateway(await readBlob(p), onProgress)
  const ready = await shrinkIfLarge(p)
  if (useCloud()) return viaCloud(ready, onProgress)
  return viaGateway(readTempFile(ready.preview), onProgress)
}

// ---- production: cloud storage ----

function viaCloud(p: PickedImage, onProgress?: (percent: number) => void): Promise<string> {
  const problem = uploadProblem(p)
  if (problem) return Promise.reject(new UploadError(problem))
  const cloudPath = cloudPathFor(Date.now(), p.ext as ImageExt, randomName())
  return new Promise<string>((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath: p.preview,
      success: (r) => (r.fileID ? resolve(r.fileID) : reject(new UploadError('UPLOAD_FAILED'))),
      fail: (e) => reject(new UploadError(/network|timeout|request:fail/i.test(String(e?.errMsg ?? '')) ? 'NETWORK' : 'UPLOAD_FAILED')),
    })
    task?.onProgressUpdate?.((r) => onProgress?.(r.progress))
  })
}

/** A photo over 2 MB is shrunk to at most 1600 px wide (JPEG quality 70) before the size check. */
async function shrinkIfLarge(p: PickedImage): Promise<PickedImage> {
  if (p.size <= MAX_IMAGE_BYTES || p.ext === null) return p
  try {
    const c = await Taro.compressImage({ src: p.preview, quality: 70, compressedWidth: 1600 })
    const info = await Taro.getFileInfo({ filePath: c.tempFilePath })
    const size = 'size' in info && typeof info.size === 'number' ? info.size : p.size
    return { ...p, preview: c.tempFilePath, size, ext: imageExtOf(c.tempFilePath) ?? p.ext }
  } catch {
    return p // too large still: refused below, in words
  }
}

// ---- local: the gateway ----

interface Bytes {
  data: ArrayBuffer
  size: number
}

async function readBlob(p: PickedImage): Promise<Bytes> {
  // Too large to read: the type, when it is known to be wrong, is the better reason.
  if (p.size > MAX_IMAGE_BYTES) throw new UploadError(uploadProblem(p) ?? 'IMAGE_TOO_LARGE')
  let blob = p.file
  if (!blob) {
    try {
      blob = await (await fetch(p.preview)).blob()
    } catch {
      throw new UploadError('UPLOAD_FAILED')
    }
  }
  const data = await blobBytes(blob)
  return { data, size: data.byteLength }
}

function blobBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer()
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(r.result as ArrayBuffer)
    r.onerror = () => reject(new UploadError('UPLOAD_FAILED'))
    r.readAsArrayBuffer(blob)
  })
}

function readTempFile(path: string): Bytes {
  try {
    const data = Taro.getFileSystemManager().readFileSync(path) as ArrayBuffer
    return { data, size: data.byteLength }
  } catch {
    throw new UploadError('UPLOAD_FAILED')
  }
}

const MIME: Record<ImageExt, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

async function viaGateway(bytes: Bytes, onProgress?: (percent: number) => void): Promise<string> {
  const ext = sniffImage(new Uint8Array(bytes.data, 0, Math.min(16, bytes.size)))
  const problem = uploadProblem({ size: bytes.size, ext })
  if (problem) throw new UploadError(problem)
  const openid = await localOpenid()
  if (!openid) throw new UploadError('UNAUTHENTICATED')
  const url = `${TUANKA_API_BASE}/local/upload`
  const headers = { 'content-type': MIME[ext as ImageExt], 'x-tuanka-openid': openid }
  onProgress?.(0)
  let status: number
  let body: unknown
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(url, { method: 'POST', headers, body: bytes.data })
      status = res.status
      body = parseJson(await res.text())
    } else {
      const res = await Taro.request({ url, method: 'POST', header: headers, data: bytes.data, dataType: 'json', timeout: 30_000 })
      status = res.statusCode
      body = typeof res.data === 'string' ? parseJson(res.data) : res.data
    }
  } catch {
    throw new UploadError('NETWORK')
  }
  const env = body as { ok?: boolean; data?: { url?: unknown }; code?: unknown } | undefined
  if (env?.ok === true && typeof env.data?.url === 'string' && env.data.url.startsWith('/files/')) {
    onProgress?.(100)
    return env.data.url
  }
  throw new UploadError(typeof env?.code === 'string' ? env.code : status >= 502 ? 'NETWORK' : 'UPLOAD_FAILED')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
