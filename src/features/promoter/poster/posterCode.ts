import Taro from '@tarojs/taro'
import { ApiError } from '@/shared/api/errors'
import { mediaUrl } from '@/shared/api/media'
import { getPosterCode } from '../api/getPosterCode'
import type { PosterCodeSource } from './drawPoster'

/**
 * A code image the poster's canvas can draw: a cloud storage file id (cloud://…) becomes its temporary https
 * address (Taro.cloud.getTempFileURL); on the mini-program the image is then downloaded, because a Canvas 2D
 * image loads local files (and download-domain addresses) only. h5 draws the address itself (on the local gateway
 * a cloud:// id is served by the gateway, mediaUrl).
 */
export async function loadableImage(url: string): Promise<string> {
  let src = mediaUrl(url)
  if (src.startsWith('cloud://')) {
    try {
      const res = await Taro.cloud.getTempFileURL({ fileList: [url] })
      const file = res.fileList?.[0]
      if (!file?.tempFileURL) throw new Error('no temp url')
      src = file.tempFileURL
    } catch {
      throw new ApiError('NETWORK')
    }
  }
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const d = await Taro.downloadFile({ url: src })
      if (d.statusCode !== 200 || !d.tempFilePath) throw new Error(`download ${d.statusCode}`)
      return d.tempFilePath
    } catch {
      throw new ApiError('NETWORK')
    }
  }
  return src
}

/** The poster's code for a share: promoters.posterCode, as something drawPoster can draw. */
export async function posterCodeFor(shareCode: string): Promise<PosterCodeSource> {
  const c = await getPosterCode(shareCode)
  if (c.kind === 'qr') return { kind: 'qr', text: c.text }
  return { kind: 'image', src: await loadableImage(c.url) }
}
