/** node-sdk's TcbError: what a failed database call throws (`code`, `message`, `requestId`). */
export class TcbError extends Error {
  code: string | number
  requestId: string

  constructor(error: { code: string | number; message: string; requestId?: string }) {
    super(error.message)
    this.code = error.code
    this.message = error.message
    this.requestId = error.requestId || ''
  }
}
