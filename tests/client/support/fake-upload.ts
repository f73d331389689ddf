/**
 * Image upload in the client tests: the album (`Taro.chooseMedia`, added onto the shared Taro mock) and the local
 * gateway's `POST /local/upload`, answered by wrapping the fetch a FakeBackend installed. Install AFTER the backend.
 *
 *   fakeUpload.pick(pngFile('a.png'))   // what the next chooseMedia returns
 *   fakeUpload.install()                // after backend.install()
 */
import { jest } from '@jest/globals'
import Taro from '../../support/taro-mock'

// A real 1×1 PNG and the first bytes of a JPEG.
export const PNG_BYTES = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))
export const SVG_BYTES = Uint8Array.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', (c) => c.charCodeAt(0))

/** A PNG file; `salt` makes different bytes (so a different URL), `size` pads it. */
export function pngFile(name = 'photo.png', salt = 0, size?: number): File {
  const tail = new Uint8Array(Math.max(1, (size ?? 0) - PNG_BYTES.length))
  tail[0] = salt
  return new File([PNG_BYTES, tail], name, { type: 'image/png' })
}

export function svgFile(name = 'logo.svg'): File {
  return new File([SVG_BYTES], name, { type: 'image/svg+xml' })
}

type Picked = { tempFiles: { tempFilePath: string; size: number; fileType: string; originalFileObj: File }[]; type: string }

let blobN = 0
const names = new Map<string, string>()

export const fakeUpload = {
  chooseMedia: jest.fn<(o: { count?: number }) => Promise<Picked>>(),
  /** Every upload that reached the gateway: its bytes and headers. */
  received: [] as { bytes: Uint8Array; headers: Record<string, string> }[],
  failures: [] as { status: number; code: string }[],
  gates: [] as Promise<void>[],

  /** The next chooseMedia returns these files (as the h5 runtime does: blob: URLs and the File objects). */
  pick(...files: File[]) {
    this.chooseMedia.mockResolvedValueOnce({
      type: 'image',
      tempFiles: files.map((f) => ({ tempFilePath: `blob:http://localhost/${++blobN}`, size: f.size, fileType: f.type, originalFileObj: f })),
    })
  },
  /**
   * The next chooseMedia behaves as Taro's h5 picker does with these files: the file input fires its change event
   * with every chosen file, and the result leaves out each one the browser cannot draw as an image (here: any file
   * whose type is not image/*), without saying so.
   */
  pickInBrowser(...files: File[]) {
    this.chooseMedia.mockImplementationOnce(async () => {
      const input = document.createElement('input')
      input.type = 'file'
      Object.defineProperty(input, 'files', { value: files })
      document.body.appendChild(input)
      input.dispatchEvent(new Event('change', { bubbles: true }))
      input.remove()
      const drawn = files.filter((f) => f.type.startsWith('image/'))
      return { type: 'image', tempFiles: drawn.map((f) => ({ tempFilePath: `blob:http://localhost/${++blobN}`, size: f.size, fileType: f.type, originalFileObj: f })) }
    })
  },
  cancelPick() {
    this.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' })
  },
  /** The next upload that reaches the gateway is refused with this code. */
  failNext(status: number, code: string) {
    this.failures.push({ status, code })
  },
  /** The next upload waits until the returned function is called. */
  hold(): () => void {
    let release!: () => void
    this.gates.push(new Promise<void>((r) => (release = r)))
    return () => release()
  },

  install() {
    const inner = globalThis.fetch
    ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (!String(url).endsWith('/local/upload')) return inner(url, init)
      const bytes = new Uint8Array(init?.body as ArrayBuffer)
      const headers = (init?.headers ?? {}) as Record<string, string>
      this.received.push({ bytes, headers })
      const gate = this.gates.shift()
      if (gate) await gate
      const failure = this.failures.shift()
      if (failure) return json(failure.status, { ok: false, code: failure.code, message: 'x' })
      const key = Array.from(bytes).join(',')
      if (!names.has(key)) names.set(key, `${String(names.size + 1).padStart(32, '0')}.png`)
      return json(200, { ok: true, data: { url: `/files/uploads/${names.get(key)}` } })
    })
    return this
  },

  reset() {
    this.chooseMedia.mockReset()
    this.chooseMedia.mockRejectedValue({ errMsg: 'chooseMedia:fail cancel' })
    this.received.length = 0
    this.failures.length = 0
    this.gates.length = 0
    names.clear()
  },
}
fakeUpload.reset()

Object.assign(Taro as unknown as Record<string, unknown>, {
  chooseMedia: (o: { count?: number }) => fakeUpload.chooseMedia(o),
})

function json(status: number, body: unknown): Response {
  const text = JSON.stringify(body)
  return { status, ok: status < 400, text: async () => text, json: async () => JSON.parse(text) } as unknown as Response
}
