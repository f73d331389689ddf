import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ComponentType } from 'react'
import './H5TitleBar.css'

/**
 * In WeChat every page under a tab has the native navigation bar: its title and a back arrow. A browser shows
 * none, so h5 pages had no way back but the browser's. This bar stands in for WeChat's, in h5 only (see
 * withH5Bar: the weapp build never loads this file). Opened from a link with nothing to go back to, back goes
 * to `home` instead, as WeChat's home button does.
 */
export function H5TitleBar({ title, home }: { title: string; home: string }) {
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.reLaunch({ url: home })
  }
  return (
    <View className='h5-bar'>
      <View className='h5-bar__back' onClick={back} aria-label='返回' role='button'>
        <Text className='h5-bar__arrow'>‹</Text>
        <Text className='h5-bar__back-text'>返回</Text>
      </View>
      <Text className='h5-bar__title'>{title}</Text>
    </View>
  )
}

export function withBar<P extends object>(Page: ComponentType<P>, title: string, home: string): ComponentType<P> {
  return function PageWithBar(props: P) {
    return (
      <>
        <H5TitleBar title={title} home={home} />
        <Page {...props} />
      </>
    )
  }
}
