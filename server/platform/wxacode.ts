/**
 * The poster's mini-program code: wx-server-sdk `openapi.wxacode.getUnlimited` (needs the function's
 * `permissions.openapi`), the PNG stored once in cloud storage (`cloud.uploadFile`), whose fileID the client shows
 * (weapp <Image> and canvas accept cloud:// fileIDs via getTempFileURL). Locally the same calls reach the platform
 * emulator (local/platform/openapi/apis/wxacode.ts) and the local storage behind the same serviceUrl.
 */
export type MiniCode = { kind: 'image'; url: string }

export interface MiniCodeMaker {
  /** `scene` ≤ 32 visible characters; `page` without a leading slash. */
  make(scene: string, page: string): Promise<MiniCode>
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
    const uploaded = await cloud.uploadFile({ cloudPath: `wxacode/${scene}.png`, fileContent: Buffer.from(res.buffer) })
    if (typeof uploaded?.fileID !== 'string' || uploaded.fileID === '') throw new Error('uploadFile answered no fileID')
    return { kind: 'image', url: uploaded.fileID }
  },
}

export function miniCodeMaker(): MiniCodeMaker {
  return wechatMaker
}
