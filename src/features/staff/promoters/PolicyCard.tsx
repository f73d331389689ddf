import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { PromoterPolicy } from '@core/contracts/views'
import { toApiError } from '@/shared/api'
import { Button } from '@/shared/ui'
import { Card, TextField } from '../components/Fields'
import { Toggle } from '../components/Toggle'
import { updatePromoterPolicy } from './api/updatePromoterPolicy'
import { ATTRIBUTION_DAYS, HOLD_DAYS, approvalSwitchNotice, consequence, parseDays, policyForm, policyPatch, readPolicyForm, type PolicyForm } from './policy'
import './promoters.css'

/**
 * 推手规则. The owner edits it (审核推手, 归因窗口, 自购返佣, 佣金冻结天数), each with what it means in one line,
 * saved as a partial policy; staff see the same rules read-only.
 */
export function PolicyCard({
  shopId,
  initial,
  editable,
  known,
  onSaved,
}: {
  shopId: string
  initial: PromoterPolicy
  editable: boolean
  /** The promoters the shop knows (named in the question before 审核 is turned on); null while unknown. */
  known: { name: string }[] | null
  onSaved?: (p: PromoterPolicy) => void
}) {
  const [saved, setSaved] = useState(initial)
  const [form, setForm] = useState<PolicyForm>(policyForm(initial))
  const [errors, setErrors] = useState<Partial<Record<'attributionDays' | 'holdDays', string>>>({})
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)

  if (!editable) {
    return (
      <Card title='推手规则' extra={<Text className='st-muted'>店主设置</Text>}>
        <ReadOnly label='审核推手' value={saved.approvalRequired ? '开启' : '关闭'} line={consequence.approvalRequired(saved.approvalRequired)} />
        <ReadOnly label='归因窗口' value={`${saved.attributionDays} 天`} line={consequence.attributionDays(saved.attributionDays)} />
        <ReadOnly label='自购返佣' value={saved.selfPurchase ? '开启' : '关闭'} line={consequence.selfPurchase(saved.selfPurchase)} />
        <ReadOnly label='佣金冻结' value={`${saved.holdDays} 天`} line={consequence.holdDays(saved.holdDays)} />
      </Card>
    )
  }

  const read = readPolicyForm(form)
  const patch = read.ok ? policyPatch(saved, read.policy) : null
  const dirty = !read.ok || patch !== null
  const set = <K extends keyof PolicyForm>(k: K, v: PolicyForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setErrors((e) => ({ ...e, [k]: undefined }))
    setNote(null)
  }

  const save = async () => {
    const r = readPolicyForm(form)
    if (!r.ok) {
      setErrors(r.errors)
      return
    }
    const p = policyPatch(saved, r.policy)
    if (!p || busy) return
    if (p.approvalRequired === true) {
      const ask = approvalSwitchNotice(known)
      const ok = await Taro.showModal({ ...ask, confirmText: '开启审核', cancelText: '取消' })
      if (!ok.confirm) return
    }
    setBusy(true)
    setNote(null)
    try {
      const shop = await updatePromoterPolicy(shopId, p)
      setSaved(shop.promoterPolicy)
      setForm(policyForm(shop.promoterPolicy))
      onSaved?.(shop.promoterPolicy)
      setNote({ ok: true, text: '已保存。新规则对之后的下单和核销生效，已有的佣金不受影响' })
    } catch (e) {
      setNote({ ok: false, text: toApiError(e).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title='推手规则'>
      <Toggle label='审核推手' on={form.approvalRequired} line={consequence.approvalRequired(form.approvalRequired)} onToggle={() => set('approvalRequired', !form.approvalRequired)} />
      <TextField
        label='归因窗口'
        type='number'
        suffix='天'
        maxlength={2}
        value={form.attributionDays}
        onChange={(v) => set('attributionDays', v)}
        error={errors.attributionDays}
        hint={consequence.attributionDays(parseDays(form.attributionDays, ATTRIBUTION_DAYS))}
      />
      <Toggle label='自购返佣' on={form.selfPurchase} line={consequence.selfPurchase(form.selfPurchase)} onToggle={() => set('selfPurchase', !form.selfPurchase)} />
      <TextField
        label='佣金冻结天数'
        type='number'
        suffix='天'
        maxlength={2}
        value={form.holdDays}
        onChange={(v) => set('holdDays', v)}
        error={errors.holdDays}
        hint={consequence.holdDays(parseDays(form.holdDays, HOLD_DAYS))}
      />
      <Text className='sp-policy__note'>修改只影响之后的新订单，已有订单的佣金按下单时的规则结算。</Text>
      {note && <Text className={note.ok ? 'so-ok' : 'so-error'}>{note.text}</Text>}
      <View className='sp-policy__save'>
        <Button block disabled={busy || !dirty} onClick={() => void save()}>
          {busy ? '正在保存…' : dirty ? '保存推手规则' : '没有修改'}
        </Button>
      </View>
    </Card>
  )
}

function ReadOnly({ label, value, line }: { label: string; value: string; line: string }) {
  return (
    <View className='st-field'>
      <View className='st-toggle__row'>
        <Text className='st-toggle__label'>{label}</Text>
        <Text className='sp-readonly__value'>{value}</Text>
      </View>
      <Text className='st-field__hint'>{line}</Text>
    </View>
  )
}
