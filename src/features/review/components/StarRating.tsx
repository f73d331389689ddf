import { Text, View } from '@tarojs/components'
import { RATING_LABELS } from '../model/reviewForm'

/** Five stars to tap (1-5) and the word for the choice. */
export function StarRating({ value, onChange, disabled = false }: { value: number; onChange: (v: number) => void; disabled?: boolean }) {
  return (
    <View className='rv-stars'>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          className={`rv-star${n <= value ? ' rv-star--on' : ''}`}
          aria-label={`${n} 星`}
          data-star={n}
          onClick={() => {
            if (!disabled) onChange(n)
          }}
        >
          ★
        </Text>
      ))}
      <Text className='rv-stars__label'>{value > 0 ? RATING_LABELS[value] : '点星星打分'}</Text>
    </View>
  )
}
