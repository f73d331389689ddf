/**
 * What an uploaded image may be, the same on every platform and on the local gateway (local/gateway/upload.ts):
 * JPEG, PNG or WebP (never SVG: it can carry script), at most 2 MB. Pure: no Taro, testable as is.
 */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024

export type ImageExt = 'jpg' | 'png' | 'webp'

/** Upload refusals, in words an owner or buyer understands (the gateway's codes, and the client's own checks). */
export const UPLOAD_MESSAGES: Record<string, string> = {
  IMAGE_TOO_LARGE: '图片不能超过 2 MB，请换一张或截图后再试',
  IMAGE_TYPE_UNSUPPORTED: '只支持 JPG、PNG、WebP 格式的图片',
  NOT_AN_IMAGE: '选的文件不是图片，请选择 JPG、PNG 或 WebP 格式的照片',
  PAYLOAD_TOO_LARGE: '图片不能超过 2 MB，请换一张或截图后再试',
  UPLOAD_FAILED: '图片上传失败，请重试',
  PICK_FAILED: '无法打开相册，请检查相册权限后重试',
}

/** The type from the first bytes of the file; null for anything else. */
export function sniffImage(b: Uint8Array): ImageExt | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (b.length >= 8 && png.every((x, i) => b[i] === x)) return 'png'
  const ascii = (from: number, to: number) => String.fromCharCode(...Array.from(b.subarray(from, to)))
  if (b.length >= 16 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  return null
}

/** The type from a MIME type ("image/jpeg") or a file path or name ("wxfile://tmp_ab.JPG"); null when unknown or not allowed. */
export function imageExtOf(typeOrPath: string): ImageExt | null {
  const s = typeOrPath.toLowerCase().split(/[?#]/)[0]
  const m = /^image\/(jpeg|jpg|pjpeg|png|webp)$/.exec(s) ?? /\.(jpe?g|png|webp)$/.exec(s)
  if (!m) return null
  return m[1] === 'png' ? 'png' : m[1] === 'webp' ? 'webp' : 'jpg'
}

/** Why this file cannot be uploaded (as a code of UPLOAD_MESSAGES), or null when it can. */
export function uploadProblem(f: { size: number; ext: ImageExt | null }): string | null {
  if (f.ext === null) return 'IMAGE_TYPE_UNSUPPORTED'
  if (f.size > MAX_IMAGE_BYTES) return 'IMAGE_TOO_LARGE'
  if (f.size === 0) return 'IMAGE_TYPE_UNSUPPORTED'
  return null
}

/** Where a production upload goes in cloud storage: `uploads/<yyyymm>/<random>.<ext>` (China month). */
export function cloudPathFor(now: number, ext: ImageExt, random: string): string {
  const china = new Date(now + 8 * 3_600_000)
  const yyyymm = `${china.getUTCFullYear()}${String(china.getUTCMonth() + 1).padStart(2, '0')}`
  return `uploads/${yyyymm}/${random.replace(/[^A-Za-z0-9]/g, '').slice(0, 32) || 'img'}.${ext}`
}

/** A random name part, 16 base-36 characters. */
export function randomName(rand: () => number = Math.random): string {
  let s = ''
  while (s.length < 16) s += Math.floor(rand() * 36).toString(36)
  return s
}

// ---- the image list (deal images, review photos) ----

/** The image at `i` moved to the front (the deal's cover). */
export function moveToFront<T>(list: readonly T[], i: number): T[] {
  if (i <= 0 || i >= list.length) return [...list]
  return [list[i], ...list.slice(0, i), ...list.slice(i + 1)]
}

export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i)
}

/** How many more images may be picked, with `pending` uploads still counting against `max`. */
export function roomFor(max: number, have: number, pending: number): number {
  return Math.max(0, max - have - pending)
}
