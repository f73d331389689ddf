import { Text, View } from '@tarojs/components'

/** − n +: bounded by 1..max; a bound that is reached greys its button out. */
export function QtyStepper({ value, max, onChange, disabled = false }: { value: number; max: number; onChange: (n: number) => void; disabled?: boolean }) {
  const canDec = !disabled && value > 1
  const canInc = !disabled && value < max
  return (
    <View className='ck-stepper'>
      <View
        className={`ck-stepper__btn${canDec ? '' : ' ck-stepper__btn--off'}`}
        ariaLabel='减少'
        hoverClass={canDec ? 'ck-stepper__btn--pressed' : 'none'}
        onClick={() => canDec && onChange(value - 1)}
      >
        <Text>−</Text>
      </View>
      <Text className='ck-stepper__value'>{value}</Text>
      <View
        className={`ck-stepper__btn${canInc ? '' : ' ck-stepper__btn--off'}`}
        ariaLabel='增加'
        hoverClass={canInc ? 'ck-stepper__btn--pressed' : 'none'}
        onClick={() => canInc && onChange(value + 1)}
      >
        <Text>+</Text>
      </View>
    </View>
  )
}
