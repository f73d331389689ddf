import { Text, View } from '@tarojs/components'
import { formatYuan } from '@core/money/format-yuan'
import './Price.css'

export interface PriceProps {
  /** Price in fen (integer). */
  fen: number
  /** Original price in fen: shown struck through when higher than the price. */
  originalFen?: number
  size?: 'sm' | 'md' | 'lg'
}

/** "¥68 ¥128": the price in the warm price colour, the original struck through. Money is always fen in, yuan out. */
export function Price({ fen, originalFen, size = 'md' }: PriceProps) {
  const showOriginal = originalFen !== undefined && originalFen > fen
  return (
    <View className={`tk-price tk-price--${size}`}>
      <Text className='tk-price__symbol'>¥</Text>
      <Text className='tk-price__value'>{formatYuan(fen)}</Text>
      {showOriginal && <Text className='tk-price__original'>¥{formatYuan(originalFen)}</Text>}
    </View>
  )
}
