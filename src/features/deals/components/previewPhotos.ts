import Taro from '@tarojs/taro'

/**
 * Full-screen preview of a review's photos. On h5, Taro's previewImage brings Taro's swiper and the swiper library
 * (~320 KB of script) with it: loaded on the first tap instead of with the deal page, which every shared card opens.
 * The mini-program's previewImage is native and costs nothing.
 */
export function previewPhotos(urls: string[], current: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    return import(/* webpackChunkName: "preview-image" */ './previewImageNow').then((m) => m.previewImageNow(urls, current)).catch(() => undefined)
  } else {
    return Taro.previewImage({ urls, current }).then(() => undefined, () => undefined)
  }
}
