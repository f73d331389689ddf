/**
 * The few protobuf messages wx-server-sdk 4.0.2 exchanges with the platform for open-API calls, with the field
 * numbers of its generated code (index.js, "./src/protobuf/openapi.js"): CommApiData (request), CommOpenApiResp
 * (answer) and the svrkit pair ApiGetOpenDataByCloudIdReq/Resp of cloud.getOpenData. A hand codec of the wire
 * format (varints and length-delimited fields) rather than a protobuf dependency the product does not declare.
 */
type Field = { no: number; wire: number; int?: number; bytes?: Buffer }

function readVarint(buf: Buffer, at: number): [number, number] {
  let value = 0
  let shift = 0
  for (;;) {
    if (at >= buf.length) throw new Error('truncated varint')
    const b = buf[at++]
    value += (b & 0x7f) * 2 ** shift
    if ((b & 0x80) === 0) return [value, at]
    shift += 7
    if (shift > 63) throw new Error('varint too long')
  }
}

export function decodeFields(buf: Buffer): Field[] {
  const out: Field[] = []
  let at = 0
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at)
    at = next
    const no = Math.floor(key / 8)
    const wire = key & 7
    if (wire === 0) {
      const [v, n] = readVarint(buf, at)
      out.push({ no, wire, int: v })
      at = n
    } else if (wire === 2) {
      const [len, n] = readVarint(buf, at)
      if (n + len > buf.length) throw new Error('truncated field')
      out.push({ no, wire, bytes: buf.subarray(n, n + len) })
      at = n + len
    } else if (wire === 1) {
      at += 8
    } else if (wire === 5) {
      at += 4
    } else {
      throw new Error(`unsupported wire type ${wire}`)
    }
  }
  return out
}

function varint(n: number): Buffer {
  const bytes: number[] = []
  // int32 negatives are written as 10-byte two's complement, as protobufjs does.
  let v = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    bytes.push(b)
  } while (v > 0n)
  return Buffer.from(bytes)
}

const intField = (no: number, n: number | undefined) => (n ? Buffer.concat([varint(no * 8), varint(n)]) : Buffer.alloc(0))
function bytesField(no: number, v: Buffer | string | undefined): Buffer {
  if (v === undefined) return Buffer.alloc(0)
  const b = typeof v === 'string' ? Buffer.from(v, 'utf8') : v
  return Buffer.concat([varint(no * 8 + 2), varint(b.length), b])
}

const str = (f: Field | undefined) => f?.bytes?.toString('utf8')
const first = (fs: Field[], no: number) => fs.find((f) => f.no === no)

export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const

export interface KeyValuePair {
  key: string
  value: Buffer
  contentType?: string
  filename?: string
}

export interface CommApiData {
  apiType: number
  /** OPEN_API: the call's parameters, each a JSON text or (media) raw bytes with a content type. */
  pairs: KeyValuePair[]
  svrkit?: { apiName: string; reqData: Buffer }
  appid?: string
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const fs = decodeFields(buf)
  const openapi = first(fs, 2)?.bytes
  const pairs = openapi
    ? decodeFields(openapi)
        .filter((f) => f.no === 1 && f.bytes)
        .map((f) => {
          const p = decodeFields(f.bytes as Buffer)
          return { key: str(first(p, 1)) ?? '', value: first(p, 2)?.bytes ?? Buffer.alloc(0), contentType: str(first(p, 3)), filename: str(first(p, 4)) }
        })
    : []
  const sk = first(fs, 4)?.bytes
  const svrkit = sk ? (() => { const s = decodeFields(sk); return { apiName: str(first(s, 1)) ?? '', reqData: first(s, 2)?.bytes ?? Buffer.alloc(0) } })() : undefined
  return { apiType: first(fs, 1)?.int ?? 0, pairs, svrkit, appid: str(first(fs, 6)) }
}

export interface CommOpenApiResp {
  respData?: Buffer
  contentType?: string
  /** The platform's own refusal (no permission, ...): wx-server-sdk throws it before reading respData. */
  errorCode?: number
  httpCode?: number
  svrkitErrorCode?: number
}

export function encodeCommOpenApiResp(r: CommOpenApiResp): Buffer {
  return Buffer.concat([
    bytesField(1, r.respData),
    bytesField(2, r.contentType),
    intField(3, r.errorCode),
    intField(4, r.httpCode),
    intField(6, r.svrkitErrorCode),
  ])
}

export function decodeGetOpenDataReq(buf: Buffer): { cloudidList: string[]; appid?: string } {
  const fs = decodeFields(buf)
  return { cloudidList: fs.filter((f) => f.no === 2).map((f) => str(f) ?? ''), appid: str(first(fs, 3)) }
}

export function encodeGetOpenDataResp(items: { cloudId: string; json: string }[]): Buffer {
  return Buffer.concat(items.map((i) => bytesField(1, Buffer.concat([bytesField(1, i.cloudId), bytesField(2, i.json)]))))
}
