// The encoder core of `qrcode` only (no canvas/SVG renderers). Named with `.js` so this declaration stands on its
// own (other features declare the extensionless path for their own use).
declare module 'qrcode/lib/core/qrcode.js' {
  export { create } from 'qrcode'
}
