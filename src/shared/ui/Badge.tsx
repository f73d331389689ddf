import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './Badge.css'

export type BadgeTone = 'price' | 'trust' | 'neutral' | 'muted'

/** A small label: discount ("5.3折", tone price), refund promises ("随时退", tone trust), states. */
export function Badge({ children, tone = 'neutral', outline = false }: { children: ReactNode; tone?: BadgeTone; outline?: boolean }) {
  return <Text className={`tk-badge tk-badge--${tone}${outline ? ' tk-badge--outline' : ''}`}>{children}</Text>
}
