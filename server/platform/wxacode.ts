/**
 * Mini-program codes behind a small interface. Production: wx-server-sdk `openapi.wxacode.getUnlimited` (needs
 * the function's `permissions.openapi`), the PNG stored once in cloud storage, whose fileID the client shows
 * (weapp <Image> and canvas accept cloud:// fileIDs via getTempFileURL). Locally there is no WeChat to ask: the
 * poster carries a plain QR code of the deal page's h5 address instead, and the README says so.
 */
export type MiniCode = { kind: 'image'; url: string } | { kind: 'qr'; text: string }

export interface MiniCodeMaker {
  /** `scene` ≤ 32 visible characters; `page` without a leading slash. */
  make(scene: string, page: string, pathWithQuery: string): Promise<MiniCode>
}

const wechatMaker: MiniCodeMaker = {
  async make(scene, page) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const res = await cloud.openapi.wxacode.getUnlimited({
      scene,
      page,
      checkPath: false,
      envVersion: process.env.TUANKA_WXACODE_ENV ?? 'release',
      width: 430,
    })
    if (!res?.buffer) throw new Error(`wxacode.getUnlimited failed: ${res?.errCode ?? 'no image'}`)
    const uploaded = await cloud.uploadFile({ cloudPath: `wxacode/${scene}.png`, fileContent: res.buffer })
    return { kind: 'image', url: uploaded.fileID as string }
  },
}

/** The h5 app puts its own address in front of the path (the server does not know where it is served). */
const localMaker: MiniCodeMaker = { make: async (_scene, _page, pathWithQuery) => ({ kind: 'qr', text: pathWithQuery }) }

export function miniCodeMaker(): MiniCodeMaker {
  return process.env.TUANKA_PAYMENT === 'local' ? localMaker : wechatMaker
}
