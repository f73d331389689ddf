import Taro from '@tarojs/taro'

/** h5 only, loaded on demand by previewPhotos: Taro's previewImage and the swiper it brings. */
export function previewImageNow(urls: string[], current: string): Promise<void> {
  return Taro.previewImage({ urls, current }).then(() => undefined, () => undefined)
}
