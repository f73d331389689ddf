import Taro from '@tarojs/taro'

export type SaveOutcome = 'saved' | 'downloaded' | 'denied' | 'cancelled' | 'failed'

/**
 * Saves the poster: on weapp to the photo album (asking for the album permission; when it was refused before,
 * offers the settings page); on h5 as a downloaded PNG (in WeChat's browser, long-press the image instead).
 */
export async function savePoster(src: string): Promise<SaveOutcome> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: src })
      return 'saved'
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? e)
      if (/auth|authorize|permission/i.test(msg)) {
        const r = await Taro.showModal({ title: '需要相册权限', content: '保存海报需要允许「添加到相册」，去设置里打开吗？', confirmText: '去设置' })
        if (r.confirm) await Taro.openSetting()
        return 'denied'
      }
      return /cancel/i.test(msg) ? 'cancelled' : 'failed'
    }
  }
  try {
    const a = document.createElement('a')
    a.href = src
    a.download = '团卡推广海报.png'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return 'downloaded'
  } catch {
    return 'failed'
  }
}
