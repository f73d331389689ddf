import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { chinaDay, dayLabel } from '../model/chinaTime'
import './staff.css'

/** A labelled form row with its error under it. */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <View className={`st-field${error ? ' st-field--error' : ''}`}>
      <Text className='st-field__label'>{label}</Text>
      <View className='st-field__control'>{children}</View>
      {hint && !error && <Text className='st-field__hint'>{hint}</Text>}
      {error && <Text className='st-field__error'>{error}</Text>}
    </View>
  )
}

export interface TextFieldProps {
  label: string
  value: string
  onChange: (v: string) => void
  placeholder?: string
  hint?: string
  error?: string
  type?: 'text' | 'digit' | 'number'
  maxlength?: number
  prefix?: string
  suffix?: string
  name?: string
}

/**
 * weapp: the digit/number keyboards. h5: a text input with a numeric keyboard hint, because a browser's
 * type=number input reports "" for a half-typed "68." (and for full-width digits), which would wipe the field.
 */
function inputType(type: 'text' | 'digit' | 'number'): 'text' | 'digit' | 'number' {
  return process.env.TARO_ENV === 'h5' ? 'text' : type
}

export function TextField({ label, value, onChange, placeholder, hint, error, type = 'text', maxlength = 140, prefix, suffix, name }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      <View className='st-input-row'>
        {prefix && <Text className='st-input-row__affix'>{prefix}</Text>}
        <Input
          className='st-input'
          name={name}
          value={value}
          type={inputType(type)}
          nativeProps={process.env.TARO_ENV === 'h5' && type !== 'text' ? { inputMode: type === 'digit' ? 'decimal' : 'numeric' } : undefined}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass='st-placeholder'
          onInput={(e) => onChange(e.detail.value)}
        />
        {suffix && <Text className='st-input-row__affix'>{suffix}</Text>}
      </View>
    </Field>
  )
}

export function TextAreaField({ label, value, onChange, placeholder, error, maxlength = 5000 }: Omit<TextFieldProps, 'type'>) {
  return (
    <Field label={label} error={error}>
      <Textarea
        className='st-textarea'
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='st-placeholder'
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  )
}

/** A China day chosen with the platform's date picker ("2026-11-23", shown as 11月23日). */
export function DayPicker({ value, onChange, start, end, placeholder = '选择日期' }: { value: string; onChange: (day: string) => void; start?: string; end?: string; placeholder?: string }) {
  return (
    <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='st-picker'>
        <Text className={value ? '' : 'st-placeholder'}>{value ? dayLabel(value, chinaDay(Date.now()).slice(0, 4)) : placeholder}</Text>
      </View>
    </Picker>
  )
}

export function ClockPicker({ value, onChange }: { value: string; onChange: (clock: string) => void }) {
  return (
    <Picker mode='time' value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='st-picker st-picker--clock'>
        <Text>{value || '选择时间'}</Text>
      </View>
    </Picker>
  )
}

/** Own checkbox (a View): the same look on weapp and h5, no platform chrome. */
export function Check({ checked, label, hint, onToggle, disabled = false }: { checked: boolean; label: ReactNode; hint?: string; onToggle: () => void; disabled?: boolean }) {
  return (
    <View className={`st-check${disabled ? ' st-check--disabled' : ''}`} onClick={() => !disabled && onToggle()}>
      <View className={`st-check__box${checked ? ' st-check__box--on' : ''}`}>{checked ? '✓' : ''}</View>
      <View className='st-check__text'>
        <Text className='st-check__label'>{label}</Text>
        {hint && <Text className='st-check__hint'>{hint}</Text>}
      </View>
    </View>
  )
}

export function Chip({ on, children, onClick }: { on: boolean; children: ReactNode; onClick: () => void }) {
  return (
    <View className={`st-chip${on ? ' st-chip--on' : ''}`} onClick={onClick}>
      <Text>{children}</Text>
    </View>
  )
}

/** A white card with an optional title row (title left, `extra` right). */
export function Card({ title, extra, children, className }: { title?: string; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <View className={`st-card${className ? ` ${className}` : ''}`}>
      {(title || extra) && (
        <View className='st-card__head'>
          {title && <Text className='st-card__title'>{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  )
}
