import { Input, Text, View } from '@tarojs/components'
import { formatCode } from '@core/codes/redemption-code'
import { CODE_STATE_LABELS } from '@core/codes/states'
import { Button, Price } from '@/shared/ui'
import { formatDateRange } from '@/shared/format'
import { Card, Check } from '../components/Fields'
import { clockOrDate } from '../model/outcome'
import { canUndo, type Counter, type ResultEntry } from './useCounter'
import '../components/staff.css'
import './verify.css'

export function CodeBar({
  value,
  onChange,
  onSubmit,
  onScan,
  focus,
  onBlur,
  busy,
  scanLabel,
}: {
  value: string
  onChange: (v: string) => void
  onSubmit: () => void
  onScan: () => void
  focus: boolean
  onBlur: () => void
  busy: boolean
  scanLabel: string
}) {
  return (
    <View className='sv-bar'>
      <View className='sv-scan' hoverClass='sv-scan--pressed' onClick={onScan}>
        <View className='sv-scan__icon'>
          <View className='sv-scan__corner sv-scan__corner--tl' />
          <View className='sv-scan__corner sv-scan__corner--tr' />
          <View className='sv-scan__corner sv-scan__corner--bl' />
          <View className='sv-scan__corner sv-scan__corner--br' />
          <View className='sv-scan__line' />
        </View>
        <Text className='sv-scan__text'>{scanLabel}</Text>
      </View>
      <View className='sv-type'>
        <Input
          className='sv-type__input'
          value={value}
          focus={focus}
          maxlength={64}
          confirmType='search'
          placeholder='输入券码，回车查询'
          placeholderClass='st-placeholder'
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={onSubmit}
          onBlur={onBlur}
        />
        <View className={`sv-type__go${busy ? ' sv-type__go--busy' : ''}`} onClick={onSubmit}>
          <Text>{busy ? '查询中' : '查询'}</Text>
        </View>
      </View>
      <Text className='sv-bar__hint'>空格、小写都可以；券码里没有 0、1、O、I</Text>
    </View>
  )
}

function validityWarning(p: { validStart: number; validEnd: number }, now: number): string | null {
  if (now >= p.validEnd) return '已过有效期'
  if (now < p.validStart) return '还没到使用时间'
  return null
}

export function PreviewCard({ counter, onConfirm }: { counter: Counter; onConfirm: () => void }) {
  const l = counter.lookup
  if (l.kind !== 'ready') return null
  const p = l.preview
  const now = counter.now
  const warn = validityWarning(p, now)
  const unused = p.orderCodes.filter((c) => c.state === 'unused')
  const scannedRedeemedEntry: ResultEntry | null =
    p.state === 'redeemed' && p.redeemedAt && p.redeemedByMe
      ? { id: `preview:${p.code}`, batch: 'preview', code: p.code, label: p.dealTitle, kind: 'redeemed', at: p.redeemedAt, text: '', replay: false, synced: false }
      : null
  return (
    <Card className='sv-preview'>
      <View className='st-row st-row--between'>
        <Text className='sv-preview__title'>{p.dealTitle || '团购券'}</Text>
        <Text className={`st-badge st-badge--${p.state}`}>{CODE_STATE_LABELS[p.state]}</Text>
      </View>
      <View className='sv-preview__price'>
        <Price fen={p.unitPriceFen} size='md' />
        <Text className='st-muted'>（每张）</Text>
      </View>
      <View className='sv-facts'>
        <View className='sv-facts__row'>
          <Text className='sv-facts__k'>券码</Text>
          <Text className='sv-facts__v sv-code'>{formatCode(p.code)}</Text>
        </View>
        <View className='sv-facts__row'>
          <Text className='sv-facts__k'>有效期</Text>
          <Text className='sv-facts__v'>
            {formatDateRange(p.validStart, p.validEnd, now)}
            {warn && <Text className='st-badge st-badge--warn sv-facts__warn'>{warn}</Text>}
          </Text>
        </View>
        <View className='sv-facts__row'>
          <Text className='sv-facts__k'>顾客</Text>
          <Text className='sv-facts__v'>{p.buyerMasked}</Text>
        </View>
        <View className='sv-facts__row'>
          <Text className='sv-facts__k'>本订单</Text>
          <Text className='sv-facts__v'>
            共 {p.orderCodes.length} 张，还剩 {p.unitsLeftOnOrder} 张未使用
          </Text>
        </View>
      </View>

      {p.state === 'redeemed' && p.redeemedAt && (
        <View className='sv-preview__done'>
          <Text>
            这张券已于 {clockOrDate(p.redeemedAt, now)} 核销{p.redeemedByMe ? '（你核销的）' : ''}
          </Text>
          {scannedRedeemedEntry && canUndo(scannedRedeemedEntry, now) && (
            <Button size='sm' variant='ghost' onClick={() => void counter.undo(scannedRedeemedEntry)}>
              撤销核销
            </Button>
          )}
        </View>
      )}
      {(p.state === 'refunded' || p.state === 'refunding') && (
        <Text className='sv-preview__stop'>{p.state === 'refunded' ? '这张券已退款，不能再核销' : '这张券正在退款，不能再核销'}</Text>
      )}

      {unused.length > 0 && (
        <View className='sv-pick'>
          <View className='st-row st-row--between'>
            <Text className='sv-pick__title'>{unused.length > 1 ? '选择要核销的券（可一次核销多张）' : '核销这张券'}</Text>
            {unused.length > 1 && (
              <Text className='sv-pick__all' onClick={counter.selectAll}>
                {unused.every((c) => l.selected.includes(c.code)) ? '取消全选' : '全选'}
              </Text>
            )}
          </View>
          {unused.map((c) => (
            <Check
              key={c.code}
              checked={l.selected.includes(c.code)}
              label={formatCode(c.code)}
              hint={c.code === p.code ? '本次查询的券' : '同一订单的其他券'}
              onToggle={() => counter.toggle(c.code)}
            />
          ))}
        </View>
      )}

      {l.error && <Text className='sv-preview__error'>{l.error}</Text>}
      {unused.length > 0 && (
        <View className='sv-preview__confirm'>
          <Button size='lg' block disabled={l.selected.length === 0 || l.confirming || counter.limited} onClick={onConfirm}>
            {l.confirming ? '正在核销…' : counter.limited ? '请等待后再核销' : l.selected.length === 0 ? '请选择要核销的券' : `确认核销 ${l.selected.length} 张`}
          </Button>
        </View>
      )}
      <View className='sv-preview__close' onClick={counter.clear}>
        <Text>关闭</Text>
      </View>
    </Card>
  )
}

/** The answer to the clerk's last action, large: a green tick, or what went wrong, or 待同步, or the undo. */
export function LastResult({ counter }: { counter: Counter }) {
  const last = counter.last
  if (!last) return null
  if (last.kind === 'undone') {
    return (
      <View className='sv-last sv-last--undone'>
        <View className='sv-last__icon sv-last__icon--undone'>↺</View>
        <Text className='sv-last__title'>已撤销核销</Text>
        <Text className='sv-last__sub'>{last.label}</Text>
        <Text className='sv-last__codes'>{formatCode(last.code)}</Text>
        <Text className='sv-last__note sv-last__note--undone'>这张券已恢复为「待使用」</Text>
        <Text className='sv-last__sub'>
          顾客可以再次使用或退款 · {clockOrDate(last.at, counter.now)} 撤销
        </Text>
      </View>
    )
  }
  if (last.kind === 'undo-failed') {
    return (
      <View className='sv-last sv-last--mixed'>
        <View className='sv-last__icon sv-last__icon--queued'>!</View>
        <Text className='sv-last__title'>没能撤销核销</Text>
        <Text className='sv-last__sub'>{last.label}</Text>
        <Text className='sv-last__codes'>{formatCode(last.code)}</Text>
        <Text className='sv-last__note'>{last.message}</Text>
      </View>
    )
  }
  if (last.kind === 'queued') {
    return (
      <View className='sv-last sv-last--queued'>
        <View className='sv-last__icon sv-last__icon--queued'>!</View>
        <Text className='sv-last__title'>网络不好，已加入待同步</Text>
        <Text className='sv-last__sub'>{last.item.label}</Text>
        <Text className='sv-last__codes'>{last.item.codes.map(formatCode).join('\n')}</Text>
        <Text className='sv-last__note'>网络恢复后自动提交（每 10 秒重试一次），不会重复核销。请顾客稍候，或先记下券码。</Text>
      </View>
    )
  }
  const entries = counter.results.filter((r) => r.batch === last.batch)
  if (entries.length === 0) return null
  const ok = entries.filter((e) => e.kind === 'redeemed')
  const allOk = ok.length === entries.length
  return (
    <View className={`sv-last ${allOk ? 'sv-last--ok' : ok.length > 0 ? 'sv-last--mixed' : 'sv-last--refused'}`}>
      <View className={`sv-last__icon ${allOk ? 'sv-last__icon--ok' : 'sv-last__icon--refused'}`}>{allOk ? '✓' : ok.length > 0 ? '!' : '×'}</View>
      <Text className='sv-last__title'>
        {allOk ? `核销成功 ${ok.length} 张` : ok.length > 0 ? `${ok.length} 张核销成功，${entries.length - ok.length} 张未能核销` : '未能核销'}
      </Text>
      {ok.length > 0 && <Text className='sv-last__time'>{clockOrDate(ok[0].at, counter.now)}</Text>}
      <Text className='sv-last__sub'>{entries[0].label}</Text>
      <View className='sv-last__list'>
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} counter={counter} />
        ))}
      </View>
    </View>
  )
}

export function EntryRow({ entry, counter }: { entry: ResultEntry; counter: Counter }) {
  const undoable = canUndo(entry, counter.now)
  return (
    <View className={`sv-entry sv-entry--${entry.kind}`}>
      <View className='sv-entry__main'>
        <View className='st-row'>
          <Text className='sv-entry__mark'>{entry.kind === 'redeemed' ? '✓' : entry.kind === 'undone' ? '↺' : '×'}</Text>
          <Text className='sv-code sv-entry__code'>{formatCode(entry.code)}</Text>
          {entry.synced && <Text className='st-badge st-badge--warn sv-entry__tag'>同步</Text>}
        </View>
        <Text className='sv-entry__text'>
          {entry.kind === 'redeemed' ? `${entry.text} · ${clockOrDate(entry.at, counter.now)}` : entry.text}
        </Text>
      </View>
      {undoable && (
        <Button size='sm' variant='ghost' disabled={counter.undoing === entry.id} onClick={() => void counter.undo(entry)}>
          {counter.undoing === entry.id ? '撤销中' : '撤销核销'}
        </Button>
      )}
    </View>
  )
}

export function PendingList({ counter }: { counter: Counter }) {
  if (counter.pending.length === 0) return null
  return (
    <Card
      className='sv-pending'
      title={`待同步（${counter.pending.reduce((n, p) => n + p.codes.length, 0)} 张）`}
      extra={
        <Button size='sm' variant='secondary' disabled={counter.syncing} onClick={() => void counter.retry()}>
          {counter.syncing ? '正在提交' : '重试'}
        </Button>
      }
    >
      {counter.pending.map((p) => (
        <View key={p.key} className='sv-pending__item'>
          <Text className='sv-pending__label'>{p.label}</Text>
          {p.codes.map((c) => (
            <View key={c} className='st-row st-row--between'>
              <Text className='sv-code'>{formatCode(c)}</Text>
              <Text className='st-badge st-badge--warn'>待同步</Text>
            </View>
          ))}
          <Text className='st-muted'>
            {clockOrDate(p.queuedAt, counter.now)} 加入 · 已尝试 {p.attempts} 次{p.lastError ? ` · ${p.lastError}` : ''}
          </Text>
        </View>
      ))}
      <Text className='sv-pending__note'>每 10 秒自动重试，回到本页也会重试；重试用同一个核销请求，不会重复核销。</Text>
    </Card>
  )
}

export function RecentList({ counter }: { counter: Counter }) {
  const lastBatch = counter.last?.kind === 'answered' ? counter.last.batch : null
  const rest = counter.results.filter((r) => r.batch !== lastBatch)
  if (rest.length === 0) return null
  return (
    <Card title='之前的记录' className='sv-recent'>
      {rest.map((e) => (
        <View key={e.id}>
          <EntryRow entry={e} counter={counter} />
          <Text className='sv-entry__deal'>{e.label}</Text>
        </View>
      ))}
    </Card>
  )
}
