import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './Button.css'

export interface ButtonProps {
  children: ReactNode
  onClick?: () => void
  variant?: 'primary' | 'secondary' | 'ghost'
  size?: 'lg' | 'md' | 'sm'
  disabled?: boolean
  block?: boolean
}

/** Own button (no UI kit): a View, so the mini-program's default button chrome never leaks in. */
export function Button({ children, onClick, variant = 'primary', size = 'md', disabled = false, block = false }: ButtonProps) {
  const cls = ['tk-button', `tk-button--${variant}`, `tk-button--${size}`, block ? 'tk-button--block' : '', disabled ? 'tk-button--disabled' : '']
    .filter(Boolean)
    .join(' ')
  return (
    <View
      className={cls}
      hoverClass={disabled ? 'none' : 'tk-button--pressed'}
      onClick={() => {
        if (!disabled) onClick?.()
      }}
    >
      {children}
    </View>
  )
}
