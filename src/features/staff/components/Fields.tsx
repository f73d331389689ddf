import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { chinaDay, dayLabel } from '../model/chinaTime'
import './staff.css'

/**
 * A labelled form row with its error under it. `anchor` is the row's element id (to scroll to its error);
 * `count` shows how much of a limited text is used, in the label row, red once over.
 */
export function Field({ label, hint, error, anchor, count, children }: { label: string; hint?: string; error?: string; anchor?: string; count?: { used: number; max: number }; children: ReactNode }) {
  return (
    <View id={anchor} className={`st-field${error ? ' st-field--error' : ''}`}>
      <View className='st-field__head'>
        <Text className='st-field__label'>{label}</Text>
        {count && <Text className={`st-field__count${count.used > count.max ? ' st-field__count--over' : ''}`}>{`${count.used}/${count.max}`}</Text>}
      </View>
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
  anchor?: string
  /**
   * A limited text: shows "used/limit" (trimmed, as sent) and lets the owner type past it, so a pasted text is never
   * cut silently; the form's check says what is too long.
   */
  limit?: number
}

/**
 * weapp: the digit/number keyboards. h5: a text input with a numeric keyboard hint, because a browser's
 * type=number input reports "" for a half-typed "68." (and for full-width digits), which would wipe the field.
 */
function inputType(type: 'text' | 'digit' | 'number'): 'text' | 'digit' | 'number' {
  return process.env.TARO_ENV === 'h5' ? 'text' : type
}

const counted = (value: string, limit?: number) => (limit === undefined ? undefined : { used: value.trim().length, max: limit })

export function TextField({ label, value, onChange, placeholder, hint, error, type = 'text', maxlength = 140, prefix, suffix, name, anchor, limit }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} anchor={anchor} count={counted(value, limit)}>
      <View className='st-input-row'>
        {prefix && <Text className='st-input-row__affix'>{prefix}</Text>}
        <Input
          className='st-input'
          name={name}
          value={value}
          type={inputType(type)}
          nativeProps={process.env.TARO_ENV === 'h5' && type !== 'text' ? { inputMode: type === 'digit' ? 'decimal' : 'numeric' } : undefined}
          maxlength={limit === undefined ? maxlength : -1}
          placeholder={placeholder}
          placeholderClass='st-placeholder'
          onInput={(e) => onChange(e.detail.value)}
        />
        {suffix && <Text className='st-input-row__affix'>{suffix}</Text>}
      </View>
    </Field>
  )
}

export function TextAreaField({ label, value, onChange, placeholder, error, maxlength = 5000, anchor, limit }: Omit<TextFieldProps, 'type'>) {
  return (
    <Field label={label} error={error} anchor={anchor} count={counted(value, limit)}>
      <Textarea
        className='st-textarea'
        value={value}
        // Room past the limit (a paste is not cut where the owner cannot see it); weapp's default would be 140.
        maxlength={limit === undefined ? maxlength : limit * 2}
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
