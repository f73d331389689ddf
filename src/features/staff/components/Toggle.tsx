import { Text, View } from '@tarojs/components'
import './toggle.css'

/** An on/off setting with what it means in one line (for the value shown). */
export function Toggle({ label, on, line, onToggle, disabled = false }: { label: string; on: boolean; line: string; onToggle: () => void; disabled?: boolean }) {
  return (
    <View className={`st-field st-toggle${disabled ? ' st-toggle--busy' : ''}`} onClick={disabled ? undefined : onToggle}>
      <View className='st-toggle__row'>
        <Text className='st-toggle__label'>{label}</Text>
        <View className={`st-switch${on ? ' st-switch--on' : ''}`} role='switch' ariaLabel={`${label}：${on ? '开启' : '关闭'}`}>
          <View className='st-switch__knob' />
        </View>
      </View>
      <Text className='st-field__hint'>{line}</Text>
    </View>
  )
}
