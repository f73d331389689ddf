import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { DealAdminView } from '@core/contracts/views'
import { toApiError } from '@/shared/api'
import { formatDateTime } from '@/shared/format'
import { createDeal, setDealStatus, updateDeal } from '../api/deals'
import {
  DEAL_STATUS_LABELS,
  createInputOf,
  dealActions,
  dealFormOf,
  emptyDealForm,
  errorList,
  publishHint,
  readDealForm,
  updateInputOf,
  type DealForm,
  type DealStep,
  type DealValues,
} from '../model/dealForm'
import { Card } from '../components/Fields'
import { DealActions, type Note } from './DealActions'
import { DealFormView } from './DealFormView'
import { ownerDealBadge } from '../model/dealStatus'
import { DealStock } from './DealStock'
import { ReviewReplies } from './ReviewReplies'
import './owner.css'

/** Brings a field (by its row's id) to the top of the screen, a little below the edge. */
function scrollToAnchor(anchor: string) {
  void Promise.resolve(Taro.pageScrollTo({ selector: `#${anchor}`, offsetTop: -12, duration: 300 })).catch(() => undefined)
}

/**
 * Create or edit a deal. Every outcome is said where the owner tapped: field errors under their fields and listed
 * by the buttons at the end of the form (the screen scrolls to the first one), server answers next to the buttons.
 * Errors follow the form once shown, so a fixed field loses its red at once. Saving sends only what changed;
 * publish/pause/resume/end follow the server's answer (the returned deal). `clock` is the time the editor works
 * in (tests pass theirs): a new deal starts selling at its "now".
 */
export function DealEditor({ shopId, initial, onChanged, clock = Date.now }: { shopId: string; initial: DealAdminView | null; onChanged?: (d: DealAdminView) => void; clock?: () => number }) {
  const [deal, setDeal] = useState<DealAdminView | null>(initial)
  const [form, setForm] = useState<DealForm>(() => (initial ? dealFormOf(initial) : emptyDealForm(clock())))
  /** The check that last failed ('publish' also asks what publishing needs); its errors are shown from then on. */
  const [failed, setFailed] = useState<'save' | 'publish' | null>(null)
  const [busy, setBusy] = useState<DealStep['to'] | null>(null)
  const [note, setNote] = useState<Note>(null)
  const [uploading, setUploading] = useState(false)

  const now = clock()
  const creating = deal === null
  const ended = deal?.status === 'ended'
  const dirty = deal ? JSON.stringify(form) !== JSON.stringify(dealFormOf(deal)) : true
  /** A deal on sale (or paused) must stay complete: saving it checks what publishing checks. */
  const mustStayComplete = deal?.status === 'published' || deal?.status === 'paused'

  const check = (publishing: boolean) => readDealForm(form, creating, { publishing, stockLeft: deal?.stockLeft })
  const shown = failed ? check(failed === 'publish') : null
  const errors = shown && !shown.ok ? shown.errors : {}
  const errorRows = errorList(errors)

  const took = (d: DealAdminView, keepForm = false) => {
    setDeal(d)
    if (!keepForm) setForm(dealFormOf(d))
    onChanged?.(d)
  }

  /** The form's values, or null after marking what is wrong and scrolling to the first of it. */
  const read = (publishing: boolean): DealValues | null => {
    const r = check(publishing)
    if (!r.ok) {
      setFailed(publishing ? 'publish' : 'save')
      const first = errorList(r.errors)[0]
      if (first) scrollToAnchor(first.anchor)
      return null
    }
    setFailed(null)
    return r.values
  }

  /** Creates or updates; the saved deal, or null when the server refused (the note says why). */
  const persist = async (values: DealValues): Promise<DealAdminView | null> => {
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
      const why = err.code === 'DEAL_INCOMPLETE' && deal ? publishHint({ ...deal, ...values, stockLeft: deal.stockLeft }) : null
      setNote({ tone: 'error', text: why ? `${DEAL_STATUS_LABELS[deal!.status]}的团购必须保持信息完整：${why}` : err.message })
      return null
    }
  }

  const onSave = async () => {
    const values = read(mustStayComplete)
    if (!values) return
    setBusy('save')
    const before = deal
    const saved = await persist(values)
    setBusy(null)
    if (!saved) return
    if (!before) setNote({ tone: 'ok', text: '已保存为草稿，顾客还看不到。确认无误后点「发布」。' })
    else if (saved === before) void Taro.showToast({ title: '没有修改', icon: 'none' })
    else setNote({ tone: 'ok', text: mustStayComplete ? '已保存，顾客现在看到的是修改后的内容' : '已保存' })
  }

  const onStatus = async (step: DealStep & { to: 'published' | 'paused' | 'ended' }) => {
    if (step.confirm) {
      const ok = await Taro.showModal({ title: step.label, content: step.confirm, confirmText: '确定', cancelText: '再想想' })
      if (!ok.confirm) return
    }
    let current = deal
    /** Said before a refused status change when the edits were saved on the way: they are kept. */
    let savedFirst = ''
    // Publishing (or resuming) publishes what the owner sees: the form is checked as publishing checks it and saved first.
    if (step.to === 'published') {
      const values = read(true)
      if (!values) return
      setBusy(step.to)
      setNote(null)
      if (creating || dirty) {
        current = await persist(values)
        if (!current) {
          setBusy(null)
          return
        }
        if (current !== deal) savedFirst = creating ? '已保存为草稿，但没有发布：' : `修改已保存，但没有${deal?.status === 'paused' ? '恢复售卖' : '发布'}：`
      }
    }
    if (!current) return
    setBusy(step.to)
    setNote(null)
    try {
      const next = await setDealStatus(current.id, step.to)
      // Pausing or ending leaves unsaved edits in the form.
      took(next, step.to !== 'published')
      setNote({ tone: 'ok', text: statusNote(step.to, current.status, next, now) })
    } catch (e) {
      const err = toApiError(e)
      const said =
        err.code === 'DEAL_INCOMPLETE'
          ? `${err.message}：${publishHint(current) ?? '请检查标题、图片、价格、库存和时间'}`
          : err.code === 'DEAL_STATE_CHANGE_NOT_ALLOWED'
            ? `${err.message}（团购状态可能已在别处改变，请返回列表刷新）`
            : err.message
      setNote({ tone: 'error', text: savedFirst + said })
    } finally {
      setBusy(null)
    }
  }

  const onStep = (step: DealStep) => {
    if (busy !== null) return
    setNote(null)
    if (step.to === 'save') void onSave()
    else void onStatus(step as DealStep & { to: 'published' | 'paused' | 'ended' })
  }

  const plan = dealActions(deal?.status ?? null, dirty, form, now)
  return (
    <View>
      {deal && <StatusCard deal={deal} now={now} />}

      <DealFormView
        form={form}
        errors={errors}
        creating={creating}
        now={now}
        onChange={(p) => setForm((f) => ({ ...f, ...p }))}
        onUploadingChange={setUploading}
        stock={deal && <DealStock deal={deal} disabled={busy !== null} onAdjusted={(next) => took(next, true)} />}
        group={deal?.group ?? null}
      />

      {plan && (
        <DealActions
          plan={plan}
          errors={errorRows}
          note={note}
          busy={busy}
          uploading={uploading}
          nothingToSave={plan.primary.to === 'save' && !dirty}
          onStep={onStep}
          onJump={scrollToAnchor}
        />
      )}
      {ended && note && <Text className={`so-note so-note--${note.tone} so-note--alone`}>{note.text}</Text>}
      {deal && deal.status !== 'draft' && <ReviewReplies dealId={deal.id} />}
    </View>
  )
}

/** Where the deal stands: its status, sold and left, and whether buyers can buy now. */
function StatusCard({ deal, now }: { deal: DealAdminView; now: number }) {
  const badge = ownerDealBadge(deal)
  return (
    <Card className='so-status-card'>
      <View className='st-row'>
        <Text className={`st-badge st-badge--${badge.tone}`}>{badge.label}</Text>
        <Text className='so-status__text'>
          已售 {deal.sold} · 库存 {deal.stockLeft}
          {badge.key === 'not_started' ? ` · ${formatDateTime(deal.saleStart, now)} 开售` : ''}
        </Text>
      </View>
      {deal.status === 'draft' && <Text className='so-status__why'>草稿只有店里能看到，发布后顾客才能购买（「发布」在页面最下方）。</Text>}
      {deal.status === 'ended' && <Text className='so-hint'>已结束的团购不能再修改或恢复；已售出的券仍可使用和退款。</Text>}
    </Card>
  )
}

/** What the owner is told after a status change, from the deal the server returned. */
function statusNote(to: DealStep['to'], from: DealAdminView['status'], next: DealAdminView, now: number): string {
  if (to === 'paused') return '已暂停售卖，顾客暂时不能购买。点「恢复售卖」重新开始。'
  if (to === 'ended') return '已结束售卖'
  const done = from === 'paused' ? '已恢复售卖' : '已发布'
  if (next.saleState === 'not_started') return `${done}，${formatDateTime(next.saleStart, now)} 开售`
  if (next.saleState === 'sold_out') return `${done}，但库存为 0，请先增加库存`
  if (next.saleState === 'ended') return `${done}，但售卖时间已过，请修改售卖时间`
  return `${done}，顾客现在可以购买`
}
