/** Only the encoder of `qrcode` (lib/core), without its canvas/SVG/terminal renderers: the app draws the matrix itself. */
declare module 'qrcode/lib/core/qrcode' {
  interface BitMatrix {
    size: number
    data: Uint8Array
    get(row: number, col: number): number | boolean
  }
  interface QRCode {
    modules: BitMatrix
    version: number
  }
  type Segment = { data: string; mode: 'numeric' | 'alphanumeric' | 'byte' | 'kanji' }
  export function create(text: string | Segment[], options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number; maskPattern?: number }): QRCode
}
