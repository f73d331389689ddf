import { Image, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { mediaUrl } from '@/shared/api/media'
import { toApiError } from '@/shared/api/errors'
import { moveToFront, removeAt, roomFor } from './rules'
import { pickImages, uploadImage, type PickedImage } from './uploadImage'
import './upload.css'

export interface ImageUploaderProps {
  /** Uploaded image refs, in order. */
  value: string[]
  onChange: (next: string[]) => void
  max: number
  /** The first image is the cover: labelled 封面, the others offer 设为封面. */
  cover?: boolean
  disabled?: boolean
  /** True while any picked image is still uploading (e.g. to hold the save button). */
  onBusyChange?: (busy: boolean) => void
  addLabel?: string
}

interface Pending {
  key: number
  picked: PickedImage
  progress: number | null
}

/**
 * Pick photos and upload them one after another (order kept), with each one's state on its tile; remove any,
 * and move one to the front as the cover. Refusals (type, size, network) are said in words under the tiles.
 */
export function ImageUploader({ value, onChange, max, cover = false, disabled = false, onBusyChange, addLabel = '添加图片' }: ImageUploaderProps) {
  const [pending, setPending] = useState<Pending[]>([])
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(value)
  latest.current = value
  const change = useRef(onChange)
  change.current = onChange
  const queue = useRef<Pending[]>([])
  const running = useRef(false)
  const alive = useRef(true)
  const nextKey = useRef(1)
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )

  const busy = pending.length > 0
  const busyCb = useRef(onBusyChange)
  busyCb.current = onBusyChange
  useEffect(() => {
    busyCb.current?.(busy)
  }, [busy])

  const pump = async () => {
    if (running.current) return
    running.current = true
    const failures: string[] = []
    while (queue.current.length > 0 && alive.current) {
      const item = queue.current[0]
      setPending((ps) => ps.map((p) => (p.key === item.key ? { ...p, progress: 0 } : p)))
      try {
        const ref = await uploadImage(item.picked, (pct) => {
          if (alive.current) setPending((ps) => ps.map((p) => (p.key === item.key ? { ...p, progress: pct } : p)))
        })
        if (!alive.current) break
        if (!latest.current.includes(ref) && latest.current.length < max) {
          const next = [...latest.current, ref]
          latest.current = next
          change.current(next)
        }
      } catch (e) {
        failures.push(toApiError(e).message)
      }
      queue.current.shift()
      if (alive.current) setPending((ps) => ps.filter((p) => p.key !== item.key))
    }
    running.current = false
    if (alive.current && failures.length > 0) {
      const reasons = Array.from(new Set(failures)).join('；')
      setError(failures.length === 1 ? reasons : `${failures.length} 张图片没有上传：${reasons}`)
    }
  }

  const room = roomFor(max, value.length, pending.length)
  const add = async () => {
    if (disabled || room === 0) return
    setError(null)
    let picked: PickedImage[]
    try {
      picked = await pickImages(room)
    } catch (e) {
      setError(toApiError(e).message)
      return
    }
    if (picked.length === 0 || !alive.current) return
    const items = picked.map((p) => ({ key: nextKey.current++, picked: p, progress: null }))
    queue.current.push(...items)
    setPending((ps) => [...ps, ...items])
    void pump()
  }

  return (
    <View className='tk-upload'>
      {value.map((src, i) => (
        <View key={src} className='tk-upload__tile' data-src={src}>
          <Image className='tk-upload__img' src={mediaUrl(src)} mode='aspectFill' />
          {cover && i === 0 && <Text className='tk-upload__cover'>封面</Text>}
          {cover && i > 0 && !disabled && (
            <Text className='tk-upload__set' onClick={() => onChange(moveToFront(value, i))}>
              设为封面
            </Text>
          )}
          {!disabled && (
            <View className='tk-upload__remove' aria-label='删除' onClick={() => onChange(removeAt(value, i))}>
              ×
            </View>
          )}
        </View>
      ))}
      {pending.map((p) => (
        <View key={`p${p.key}`} className='tk-upload__tile tk-upload__tile--pending'>
          <Image className='tk-upload__img' src={p.picked.preview} mode='aspectFill' />
          <View className='tk-upload__veil'>{p.progress === null ? '等待上传' : p.progress > 0 && p.progress < 100 ? `上传中 ${Math.round(p.progress)}%` : '上传中…'}</View>
        </View>
      ))}
      {room > 0 && !disabled && (
        <View className='tk-upload__add' hoverClass='tk-upload__add--pressed' onClick={() => void add()}>
          <Text className='tk-upload__plus'>＋</Text>
          <Text className='tk-upload__add-label'>{addLabel}</Text>
        </View>
      )}
      <Text className='tk-upload__hint'>
        {cover && value.length > 1 ? '第一张是封面，点「设为封面」调整顺序。' : ''}支持 JPG、PNG、WebP，单张不超过 2 MB
      </Text>
      {error && <Text className='tk-upload__error'>{error}</Text>}
    </View>
  )
}
