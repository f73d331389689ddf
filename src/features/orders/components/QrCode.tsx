import { Canvas, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { paintQr, qrMatrix, qrSvg, svgDataUri, type QrMatrix } from '../qr/matrix'

/**
 * A redemption code's QR code, computed on the device (works offline). h5: an SVG data URI in an Image.
 * Mini-program: a Canvas 2D (the documented way to draw; whether the mini-program Image renders SVG data URIs
 * could not be verified here), painted once the node exists.
 */
export function QrCode({ text, className }: { text: string; className: string }) {
  const matrix = useMemo(() => qrMatrix(text), [text])
  if (process.env.TARO_ENV === 'weapp') return <QrCanvas id={`qr-${text.replace(/[^A-Za-z0-9_-]/g, '')}`} matrix={matrix} className={className} />
  return <Image className={className} src={svgDataUri(qrSvg(matrix))} mode='aspectFit' ariaLabel={`券码 ${text} 的二维码`} />
}

function QrCanvas({ id, matrix, className }: { id: string; matrix: QrMatrix; className: string }) {
  useEffect(() => {
    let cancelled = false
    let tries = 0
    const draw = () => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: unknown[]) => {
          if (cancelled) return
          const hit = (res && res[0]) as { node?: { width: number; height: number; getContext(k: '2d'): Parameters<typeof paintQr>[0] }; width?: number } | null
          if (!hit || !hit.node || !hit.width) {
            if (++tries < 10) setTimeout(draw, 100)
            return
          }
          const dpr = Taro.getSystemInfoSync().pixelRatio || 2
          const px = Math.round(hit.width * dpr)
          hit.node.width = px
          hit.node.height = px
          paintQr(hit.node.getContext('2d'), matrix, px)
        })
    }
    Taro.nextTick(draw)
    return () => {
      cancelled = true
    }
  }, [id, matrix])
  return <Canvas type='2d' id={id} className={className} />
}
