// The pure-JS core of `qrcode` (no fs, no canvas renderer, no TextEncoder when given bytes): what the poster needs.
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode'
  export function create(data: string | { data: Uint8Array | string; mode?: 'byte' | 'alphanumeric' | 'numeric' | 'kanji' }[], options?: QRCodeOptions): QRCode
}
