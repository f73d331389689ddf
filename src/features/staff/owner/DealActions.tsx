import { Text, View } from '@tarojs/components'
import { Button } from '@/shared/ui'
import type { DealActionPlan, DealStep } from '../model/dealForm'

export type Note = { tone: 'ok' | 'error' | 'hint'; text: string } | null

export interface DealActionsProps {
  plan: DealActionPlan
  /** What still needs fixing, in the order of the form; each row jumps to its field. */
  errors: { message: string; anchor: string }[]
  /** The outcome of the last step (saved, published, refused, network …). */
  note: Note
  /** Which step is running, if any. */
  busy: DealStep['to'] | null
  uploading: boolean
  /** The primary step is "save" with nothing to save. */
  nothingToSave: boolean
  onStep: (s: DealStep) => void
  onJump: (anchor: string) => void
}

/**
 * The end of the editor, where the thumb is after filling the form: what is wrong (a summary of the field errors),
 * what happened, what the main step does for buyers, and the buttons — publishing or saving first, pausing and
 * ending quiet below.
 */
export function DealActions({ plan, errors, note, busy, uploading, nothingToSave, onStep, onJump }: DealActionsProps) {
  const idle = busy === null && !uploading
  const label = (s: DealStep) => (busy === s.to ? (s.to === 'save' ? '正在保存…' : '请稍候…') : uploading ? '图片上传中…' : s.label)
  return (
    <View className='so-actions' id='deal-actions'>
      {errors.length > 0 && (
        <View className='so-summary'>
          <Text className='so-summary__title'>还有 {errors.length} 处需要修改（点一下跳到那里）：</Text>
          {errors.map((e) => (
            <View key={e.anchor + e.message} className='so-summary__item' onClick={() => onJump(e.anchor)}>
              <Text className='so-summary__text'>{e.message}</Text>
              <Text className='so-summary__go'>去修改</Text>
            </View>
          ))}
        </View>
      )}
      {note && <Text className={`so-note so-note--${note.tone}`}>{note.text}</Text>}
      {plan.consequence && <Text className='so-consequence'>{plan.consequence}</Text>}
      <Button block size='lg' disabled={!idle || nothingToSave} onClick={() => onStep(plan.primary)}>
        {label(plan.primary)}
      </Button>
      {plan.secondary && (
        <View className='so-actions__secondary'>
          <Button block size='lg' variant='secondary' disabled={!idle} onClick={() => onStep(plan.secondary!)}>
            {busy === plan.secondary.to ? '正在保存…' : plan.secondary.label}
          </Button>
        </View>
      )}
      {plan.quiet.length > 0 && (
        <View className='so-quiet'>
          {plan.quiet.map((q) => (
            <Button key={q.to} size='sm' variant='ghost' disabled={!idle} onClick={() => onStep(q)}>
              {busy === q.to ? '请稍候…' : q.label}
            </Button>
          ))}
        </View>
      )}
    </View>
  )
}
