import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { POSTER_H, POSTER_W, drawPoster, type ImageLoader, type LoadedImage, type PosterCtx, type PosterData } from './drawPoster'

const CANVAS_ID = 'tk-poster-canvas'
const IMAGE_TIMEOUT_MS = 8_000

export interface PosterCanvasProps {
  data: PosterData
  /** The finished poster: a data: URL on h5, a temp file path on weapp. */
  onReady: (src: string) => void
  onError: (message: string) => void
}

/**
 * Draws the poster once per `data` and hands back an image. One component, two canvases:
 * - h5: a plain (off-screen) canvas element, exported with toDataURL;
 * - weapp: a Canvas 2D node (`type="2d"`, off-screen) found with Taro.createSelectorQuery, exported with
 *   Taro.canvasToTempFilePath.
 */
export function PosterCanvas({ data, onReady, onError }: PosterCanvasProps) {
  const done = useRef({ onReady, onError })
  done.current = { onReady, onError }

  useEffect(() => {
    let live = true
    const ready = (src: string) => live && done.current.onReady(src)
    const fail = () => live && done.current.onError('海报生成失败，请重试')
    if (process.env.TARO_ENV === 'weapp') {
      // The node exists after this render is applied on the view layer.
      Taro.nextTick(() => {
        Taro.createSelectorQuery()
          .select(`#${CANVAS_ID}`)
          .fields({ node: true, size: true })
          .exec((res: { node?: WeappCanvas }[]) => {
            const canvas = res?.[0]?.node
            if (!canvas) return fail()
            void renderWeapp(canvas, data).then(ready, fail)
          })
      })
    } else {
      void renderH5(data).then(ready, fail)
    }
    return () => {
      live = false
    }
  }, [data])

  if (process.env.TARO_ENV === 'weapp') {
    return <Canvas type='2d' id={CANVAS_ID} className='poster-canvas' style={{ width: `${POSTER_W / 2}px`, height: `${POSTER_H / 2}px` }} />
  }
  return null
}

// ---- h5: a plain canvas ----

async function renderH5(data: PosterData): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = POSTER_W
  canvas.height = POSTER_H
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d context')
  await drawPoster(ctx, data, loadH5Image)
  return canvas.toDataURL('image/png')
}

const loadH5Image: ImageLoader = (src) =>
  new Promise<LoadedImage | null>((resolve) => {
    const img = new Image()
    const timer = setTimeout(() => resolve(null), IMAGE_TIMEOUT_MS)
    const settle = (v: LoadedImage | null) => {
      clearTimeout(timer)
      resolve(v)
    }
    // Cross-origin images (a CDN) must allow it, or the canvas could not be exported.
    if (!src.startsWith('/') && !src.startsWith(window.location.origin)) img.crossOrigin = 'anonymous'
    img.onload = () => settle({ source: img, width: img.naturalWidth || img.width, height: img.naturalHeight || img.height })
    img.onerror = () => settle(null)
    img.src = src
  })

// ---- weapp: Canvas 2D node ----

interface WeappImage {
  width: number
  height: number
  src: string
  onload: (() => void) | null
  onerror: (() => void) | null
}

interface WeappCanvas {
  width: number
  height: number
  getContext(kind: '2d'): PosterCtx
  createImage(): WeappImage
}

async function renderWeapp(canvas: WeappCanvas, data: PosterData): Promise<string> {
  canvas.width = POSTER_W
  canvas.height = POSTER_H
  const ctx = canvas.getContext('2d')
  const load: ImageLoader = (src) =>
    new Promise<LoadedImage | null>((resolve) => {
      const img = canvas.createImage()
      const timer = setTimeout(() => resolve(null), IMAGE_TIMEOUT_MS)
      img.onload = () => {
        clearTimeout(timer)
        resolve({ source: img as unknown as CanvasImageSource, width: img.width, height: img.height })
      }
      img.onerror = () => {
        clearTimeout(timer)
        resolve(null)
      }
      img.src = src
    })
  await drawPoster(ctx, data, load)
  const res = await Taro.canvasToTempFilePath({
    canvas: canvas as unknown as Taro.Canvas,
    fileType: 'png',
    destWidth: POSTER_W,
    destHeight: POSTER_H,
  } as Taro.canvasToTempFilePath.Option)
  return res.tempFilePath
}
