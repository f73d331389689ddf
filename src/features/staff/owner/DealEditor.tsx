import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { DealAdminView } from '@core/contracts/views'
import { publishProblem } from '@core/deals/validate-deal'
import { toApiError } from '@/shared/api'
import { formatDateTime } from '@/shared/format'
import { Button } from '@/shared/ui'
import { adjustStock, createDeal, setDealStatus, updateDeal } from '../api/deals'
import {
  DEAL_STATUS_LABELS,
  createInputOf,
  dealFormOf,
  emptyDealForm,
  publishHint,
  readDealForm,
  statusActions,
  updateInputOf,
  type DealField,
  type DealForm,
  type DealValues,
  type StatusAction,
} from '../model/dealForm'
import { parseCount } from '../model/money'
import { Card } from '../components/Fields'
import { DealFormView } from './DealFormView'
import { ReviewReplies } from './ReviewReplies'
import './owner.css'

type Note = { tone: 'ok' | 'error' | 'hint'; text: string } | null

/**
 * Create or edit a deal. Saving sends only what changed; publish/pause/resume/end follow the server's answer
 * (the returned deal), and DEAL_INCOMPLETE is explained with the first thing missing.
 */
export function DealEditor({ shopId, initial, onChanged }: { shopId: string; initial: DealAdminView | null; onChanged?: (d: DealAdminView) => void }) {
  const [deal, setDeal] = useState<DealAdminView | null>(initial)
  const [form, setForm] = useState<DealForm>(() => (initial ? dealFormOf(initial) : emptyDealForm(Date.now())))
  const [errors, setErrors] = useState<Partial<Record<DealField, string>>>({})
  const [busy, setBusy] = useState<string | null>(null)
  const [note, setNote] = useState<Note>(null)
  const [stockDelta, setStockDelta] = useState('')
  const [uploading, setUploading] = useState(false)

  const creating = deal === null
  const ended = deal?.status === 'ended'
  const dirty = deal ? JSON.stringify(form) !== JSON.stringify(dealFormOf(deal)) : true

  const took = (d: DealAdminView, keepForm = false) => {
    setDeal(d)
    if (!keepForm) setForm(dealFormOf(d))
    onChanged?.(d)
  }

  const read = (): DealValues | null => {
    const r = readDealForm(form, creating)
    if (!r.ok) {
      setErrors(r.errors)
      setNote({ tone: 'error', text: '有几项需要修改，请看标红的地方' })
      return null
    }
    setErrors({})
    return r.values
  }

  /** Saves the form; the saved deal, or null when it could not be saved (the note says why). */
  const save = async (): Promise<DealAdminView | null> => {
    const values = read()
    if (!values) return null
    try {
      if (!deal) {
        const created = await createDeal(createInputOf(shopId, values))
        took(created)
        void Taro.setNavigationBarTitle({ title: '编辑团购' })
        return created
      }
      const patch = updateInputOf(deal, values)
      if (!patch) return deal
      const updated = await updateDeal(patch)
      took(updated)
      return updated
    } catch (e) {
      const err = toApiError(e)
      if (err.code === 'DEAL_INCOMPLETE') {
        const why = deal ? publishProblem({ ...values, stock: deal.stockLeft }) : null
        setNote({ tone: 'error', text: `${deal?.status === 'paused' ? '暂停中' : '售卖中'}的团购必须保持信息完整：${why ?? err.message}` })
      } else setNote({ tone: 'error', text: err.message })
      return null
    }
  }

  const onSave = async () => {
    setBusy('save')
    setNote(null)
    const wasCreating = creating
    const before = deal
    const saved = await save()
    setBusy(null)
    if (!saved) return
    if (wasCreating) setNote({ tone: 'ok', text: '已保存为草稿。确认无误后点「发布」，顾客就能看到。' })
    else if (saved === before) void Taro.showToast({ title: '没有修改', icon: 'none' })
    else setNote({ tone: 'ok', text: '已保存' })
  }

  const onStatus = async (a: StatusAction) => {
    if (!deal) return
    if (a.confirm) {
      const ok = await Taro.showModal({ title: `${a.label}团购`, content: a.confirm, confirmText: a.label, cancelText: '再想想' })
      if (!ok.confirm) return
    }
    setBusy(a.to)
    setNote(null)
    try {
      // Unsaved edits go first, so what is published is what the owner sees.
      const current = dirty && a.to !== 'ended' ? await save() : deal
      if (!current) return
      const next = await setDealStatus(current.id, a.to)
      took(next)
      setNote({ tone: 'ok', text: statusNote(a.to, current.status, next) })
    } catch (e) {
      const err = toApiError(e)
      if (err.code === 'DEAL_INCOMPLETE') {
        setNote({ tone: 'error', text: `${err.message}：${publishHint(deal) ?? '请检查标题、图片、价格、库存和时间'}` })
      } else if (err.code === 'DEAL_STATE_CHANGE_NOT_ALLOWED') {
        setNote({ tone: 'error', text: `${err.message}（团购状态可能已在别处改变，请返回列表刷新）` })
      } else setNote({ tone: 'error', text: err.message })
    } finally {
      setBusy(null)
    }
  }

  const onStock = async (sign: 1 | -1) => {
    if (!deal) return
    const n = parseCount(stockDelta, { label: '调整数量', min: 1, max: 1_000_000 })
    if (!n.ok) {
      setNote({ tone: 'error', text: n.message })
      return
    }
    setBusy('stock')
    setNote(null)
    try {
      const next = await adjustStock(deal.id, sign * n.value)
      // Stock is not part of the form: keep unsaved edits.
      took(next, true)
      setForm((f) => ({ ...f, stock: String(next.stockLeft) }))
      setStockDelta('')
      setNote({ tone: 'ok', text: `库存已${sign > 0 ? '增加' : '减少'} ${n.value} 份，现在剩余 ${next.stockLeft} 份` })
    } catch (e) {
      setNote({ tone: 'error', text: toApiError(e).message })
    } finally {
      setBusy(null)
    }
  }

  const hint = deal && deal.status === 'draft' ? publishHint(deal) : null
  return (
    <View>
      {deal && (
        <Card className='so-status-card'>
          <View className='so-status'>
            <View className='st-row'>
              <Text className={`st-badge st-badge--${deal.status}`}>{DEAL_STATUS_LABELS[deal.status]}</Text>
              <Text className='so-status__text'>
                已售 {deal.sold} · 库存 {deal.stockLeft}
                {deal.status === 'published' && deal.saleState === 'not_started' ? ` · ${formatDateTime(deal.saleStart)} 开售` : ''}
                {deal.status === 'published' && deal.saleState === 'sold_out' ? ' · 已售罄' : ''}
                {deal.status === 'published' && deal.saleState === 'ended' ? ' · 已过售卖期' : ''}
              </Text>
            </View>
          </View>
          {deal.group && (
            <Text className='st-field__hint'>
              成团：至少 {deal.group.min} {deal.group.by === 'buyers' ? '人' : '份'}，已付 {deal.group.count} {deal.group.by === 'buyers' ? '人' : '份'}，截止 {formatDateTime(deal.group.deadline)}
            </Text>
          )}
          {hint && <Text className='so-hint'>发布前还需：{hint}</Text>}
          {ended && <Text className='so-hint'>已结束的团购不能再修改或恢复；已售出的券仍可使用和退款。</Text>}
          {statusActions(deal.status).length > 0 && (
            <View className='st-actions'>
              {statusActions(deal.status).map((a) => (
                <Button key={a.to} size='sm' variant={a.to === 'ended' ? 'ghost' : 'primary'} disabled={busy !== null || uploading} onClick={() => void onStatus(a)}>
                  {busy === a.to ? '请稍候…' : a.label}
                </Button>
              ))}
            </View>
          )}
          {!ended && (
            <View className='so-stock-wrap'>
              <Text className='st-field__label so-stock-label'>调整库存（不影响已售出的券）</Text>
              <View className='so-stock'>
                <View className='st-input-row'>
                  <Input className='st-input' type={process.env.TARO_ENV === 'h5' ? 'text' : 'number'} value={stockDelta} placeholder='数量' placeholderClass='st-placeholder' onInput={(e) => setStockDelta(e.detail.value)} />
                  <Text className='st-input-row__affix'>份</Text>
                </View>
                <Button size='sm' variant='secondary' disabled={busy !== null} onClick={() => void onStock(1)}>
                  增加
                </Button>
                <Button size='sm' variant='ghost' disabled={busy !== null} onClick={() => void onStock(-1)}>
                  减少
                </Button>
              </View>
            </View>
          )}
          {note && <Text className={note.tone === 'ok' ? 'so-ok' : note.tone === 'error' ? 'so-error' : 'so-hint'}>{note.text}</Text>}
        </Card>
      )}
      {!deal && note && <View className={`st-banner ${note.tone === 'ok' ? 'st-banner--ok' : 'st-banner--error'}`}>{note.text}</View>}

      <DealFormView form={form} errors={errors} creating={creating} onChange={(p) => setForm((f) => ({ ...f, ...p }))} onUploadingChange={setUploading} />

      {!ended && (
        <View className='so-save'>
          <Button block size='lg' disabled={busy !== null || uploading || (!creating && !dirty)} onClick={() => void onSave()}>
            {busy === 'save' ? '正在保存…' : uploading ? '图片上传中…' : creating ? '保存为草稿' : dirty ? '保存修改' : '没有未保存的修改'}
          </Button>
        </View>
      )}
      {deal && deal.status !== 'draft' && <ReviewReplies dealId={deal.id} />}
    </View>
  )
}

/** What the owner is told after a status change, from the deal the server returned. */
function statusNote(to: StatusAction['to'], from: DealAdminView['status'], next: DealAdminView): string {
  if (to === 'paused') return '已暂停售卖，顾客暂时不能购买'
  if (to === 'ended') return '已结束售卖'
  const done = from === 'paused' ? '已恢复售卖' : '已发布'
  if (next.saleState === 'not_started') return `${done}，${formatDateTime(next.saleStart)} 开售`
  if (next.saleState === 'sold_out') return `${done}，但库存为 0，请先增加库存`
  if (next.saleState === 'ended') return `${done}，但售卖时间已过，请修改售卖时间`
  return `${done}，顾客现在可以购买`
}
