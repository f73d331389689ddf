import { Image, Input, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { GroupProgress } from '@core/contracts/views'
import { DEAL_LIMITS } from '@core/deals/limits'
import { DEAL_CATEGORIES } from '@core/deals/categories'
import { mediaUrl } from '@/shared/api'
import { isLocalMode } from '@/shared/config/build'
import { ImageUploader, pickImages, uploadImage, type PickedImage } from '@/shared/upload'
import { imageLine } from '@core/deals/description'
import { toApiError } from '@/shared/api/errors'
import { formatDateTime } from '@/shared/format'
import { chinaDay, chinaInstant, dayLabel } from '../model/chinaTime'
import { MAX_IMAGES, MAX_RULES, anchorOf, textLength, type DealErrors, type DealField, type DealForm } from '../model/dealForm'
import { Card, Chip, ClockPicker, DayPicker, Field, TextAreaField, TextField } from '../components/Fields'
import { DEMO_IMAGES } from './demoImages'
import '../components/staff.css'
import './owner.css'

export interface DealFormViewProps {
  form: DealForm
  errors: DealErrors
  creating: boolean
  /** The editor's clock (epoch ms): what "today" and "already on sale" mean here. */
  now: number
  onChange: (patch: Partial<DealForm>) => void
  /** True while picked images are still uploading. */
  onUploadingChange?: (busy: boolean) => void
  /** A saved deal's stock (moved by adjustStock, not by the form), shown where the 库存 field was. */
  stock?: ReactNode
  /** A saved deal's 成团, fixed when it was created. */
  group?: GroupProgress | null
}

/**
 * The deal editor's fields, grouped as an owner thinks of them. Values stay strings until saved. Every section
 * stays after the first save: what can no longer be edited (stock, 成团) says so where it was.
 */
export function DealFormView({ form, errors, creating, now, onChange, onUploadingChange, stock, group }: DealFormViewProps) {
  const set = <K extends DealField>(k: K) => (v: DealForm[K]) => onChange({ [k]: v } as Partial<DealForm>)
  const today = chinaDay(now)
  return (
    <View>
      <Card title='基本信息'>
        <TextField
          label='团购标题'
          anchor={anchorOf('title')}
          value={form.title}
          onChange={set('title')}
          placeholder='如：双人下午茶套餐｜两杯拿铁 + 任选蛋糕'
          limit={DEAL_LIMITS.title}
          error={errors.title}
        />
        <Field label='分类' anchor={anchorOf('category')} hint='买家在首页按分类找团购'>
          <View className='st-chips'>
            {DEAL_CATEGORIES.map((c) => (
              <Chip key={c.id} on={form.category === c.id} onClick={() => onChange({ category: c.id })}>
                {c.label}
              </Chip>
            ))}
          </View>
        </Field>
        <Field label={`图片（${form.images.length}/${MAX_IMAGES}）`} anchor={anchorOf('images')} error={errors.images}>
          <ImageChooser selected={form.images} onChange={set('images')} onUploadingChange={onUploadingChange} />
        </Field>
        <TextAreaField
          label='团购介绍'
          anchor={anchorOf('description')}
          value={form.description}
          onChange={set('description')}
          placeholder={'【套餐内容】\n- 拿铁 2 杯\n- 蛋糕任选 1 份\n适合人数、门店特色……'}
          limit={DEAL_LIMITS.description}
          error={errors.description}
        />
        <DescriptionTools description={form.description} onChange={set('description')} onUploadingChange={onUploadingChange} />
      </Card>

      <Card title='价格与库存'>
        <TextField label='团购价' anchor={anchorOf('price')} prefix='¥' type='digit' value={form.price} onChange={set('price')} placeholder='如 68 或 68.5' error={errors.price} />
        <TextField
          label='原价（门市价）'
          anchor={anchorOf('originalPrice')}
          prefix='¥'
          type='digit'
          value={form.originalPrice}
          onChange={set('originalPrice')}
          placeholder='不低于团购价'
          error={errors.originalPrice}
        />
        {creating ? (
          <TextField label='库存' anchor={anchorOf('stock')} suffix='份' type='number' value={form.stock} onChange={set('stock')} placeholder='可售份数' error={errors.stock} />
        ) : (
          stock && (
            <Field label='库存' anchor={anchorOf('stock')} error={errors.stock}>
              {stock}
            </Field>
          )
        )}
        <TextField label='每人限购' anchor={anchorOf('perUserLimit')} suffix='份' type='number' value={form.perUserLimit} onChange={set('perUserLimit')} error={errors.perUserLimit} />
        <TextField
          label='推手佣金'
          anchor={anchorOf('commission')}
          suffix='%'
          type='digit'
          value={form.commission}
          onChange={set('commission')}
          hint='按成交金额计算，核销后结算给推手，最多 30%；填 0 表示不给佣金'
          error={errors.commission}
        />
      </Card>

      <Card title='时间'>
        <Field label='售卖时间' anchor={anchorOf('saleStartDay')} error={errors.saleStartDay ?? errors.saleEndDay} hint={saleStartHint(form, now)}>
          <View className='so-window'>
            <DayPicker value={form.saleStartDay} onChange={set('saleStartDay')} />
            <ClockPicker value={form.saleStartTime} onChange={set('saleStartTime')} />
          </View>
          <View className='so-window'>
            <Text className='so-window__to'>至</Text>
            <DayPicker value={form.saleEndDay} onChange={set('saleEndDay')} start={form.saleStartDay || today} />
            <ClockPicker value={form.saleEndTime} onChange={set('saleEndTime')} />
          </View>
        </Field>
        <Field label='券的有效期（按天，到截止日 23:59）' anchor={anchorOf('validStartDay')} error={errors.validStartDay ?? errors.validEndDay} hint='有效期内未使用的券到期自动退款'>
          <View className='so-window'>
            <DayPicker value={form.validStartDay} onChange={set('validStartDay')} />
            <Text className='so-window__to'>至</Text>
            <DayPicker value={form.validEndDay} onChange={set('validEndDay')} start={form.validStartDay || today} />
          </View>
        </Field>
      </Card>

      {creating ? (
        <Card title='成团（可选）'>
          <Field label='按什么成团' anchor={anchorOf('groupBy')}>
            <View className='st-chips so-group-by'>
              <Chip on={form.groupBy === 'units'} onClick={() => onChange({ groupBy: 'units' })}>
                按份数
              </Chip>
              <Chip on={form.groupBy === 'buyers'} onClick={() => onChange({ groupBy: 'buyers' })}>
                按人数
              </Chip>
            </View>
          </Field>
          <TextField
            label={form.groupBy === 'buyers' ? '最少成团人数' : '最少成团份数'}
            anchor={anchorOf('groupMin')}
            suffix={form.groupBy === 'buyers' ? '人' : '份'}
            type='number'
            value={form.groupMin}
            onChange={set('groupMin')}
            placeholder='不填表示不设成团'
            hint={`到截止时间未达到${form.groupBy === 'buyers' ? '人数（同一人买多份算 1 人）' : '份数'}，所有订单自动全额退款；成团前券码不能使用。保存后不能再修改`}
            error={errors.groupMin}
          />
          {form.groupMin.trim() !== '' && form.groupMin.trim() !== '0' && (
            <Field label='成团截止时间' anchor={anchorOf('groupDeadlineDay')} error={errors.groupDeadlineDay}>
              <View className='so-window'>
                <DayPicker value={form.groupDeadlineDay} onChange={set('groupDeadlineDay')} start={form.saleStartDay || today} />
                <ClockPicker value={form.groupDeadlineTime} onChange={set('groupDeadlineTime')} />
              </View>
            </Field>
          )}
        </Card>
      ) : (
        <Card title='成团'>
          <SavedGroup group={group ?? null} now={now} />
        </Card>
      )}

      <Card title='使用规则'>
        <RulesEditor rules={form.rules} onChange={set('rules')} error={errors.rules} />
      </Card>
    </View>
  )
}

/** Whether buyers can buy as soon as the deal is published, from the start the form holds. */
function saleStartHint(form: DealForm, now: number): string | undefined {
  const start = chinaInstant(form.saleStartDay, form.saleStartTime)
  if (Number.isNaN(start)) return undefined
  if (start <= now) return '开始时间已到：发布后顾客立即可以购买'
  return `${dayLabel(form.saleStartDay, chinaDay(now).slice(0, 4))} ${form.saleStartTime} 开售，之前顾客只能看、不能买`
}

/** A saved deal's 成团, read-only: the rule is fixed when the deal is created (the update action takes none). */
function SavedGroup({ group, now }: { group: GroupProgress | null; now: number }) {
  if (!group) {
    return (
      <Field label='成团条件' hint='成团条件只能在新建团购时设置'>
        <Text className='so-fixed'>不设成团：付款后即可使用</Text>
      </Field>
    )
  }
  const unit = group.by === 'buyers' ? '人' : '份'
  return (
    <Field label='成团条件' hint='成团条件在新建时确定，之后不能修改'>
      <Text className='so-fixed'>
        {group.by === 'buyers' ? '按人数' : '按份数'}：至少 {group.min} {unit}，{formatDateTime(group.deadline, now)} 截止；已付 {group.count} {unit}
        {group.status === 'succeeded' ? '（已成团）' : group.status === 'failed' ? '（未成团，已退款）' : ''}
      </Text>
    </Field>
  )
}

/**
 * Photos from the phone, uploaded as they are picked (cloud storage in production, the local gateway in
 * development). Locally, the demo pictures stay available as a shortcut.
 */
function ImageChooser({ selected, onChange, onUploadingChange }: { selected: string[]; onChange: (images: string[]) => void; onUploadingChange?: (busy: boolean) => void }) {
  const [demo, setDemo] = useState(false)
  const toggle = (src: string) => {
    if (selected.includes(src)) onChange(selected.filter((s) => s !== src))
    else if (selected.length < MAX_IMAGES) onChange([...selected, src])
  }
  return (
    <View style={{ width: '100%' }}>
      <ImageUploader value={selected} onChange={onChange} max={MAX_IMAGES} cover onBusyChange={onUploadingChange} />
      {isLocalMode() && (
        <View>
          <Text className='so-add' onClick={() => setDemo(!demo)}>
            {demo ? '收起示例图片' : '或使用示例图片（本地演示）'}
          </Text>
          {demo && (
            <View className='so-images so-images--demo'>
              {DEMO_IMAGES.map((src) => {
                const at = selected.indexOf(src)
                return (
                  <View key={src} className={`so-image${at >= 0 ? ' so-image--on' : ''}`} onClick={() => toggle(src)} data-demo={src}>
                    <Image className='so-image__img' src={mediaUrl(src)} mode='aspectFill' />
                    {at >= 0 && <View className='so-image__order'>{at + 1}</View>}
                  </View>
                )
              })}
            </View>
          )}
        </View>
      )}
    </View>
  )
}

function RulesEditor({ rules, onChange, error }: { rules: string[]; onChange: (rules: string[]) => void; error?: string }) {
  return (
    <Field label='每条一行，如「每张券限 2 人使用」' anchor={anchorOf('rules')} error={error}>
      <View style={{ width: '100%' }}>
        {rules.map((r, i) => (
          <View key={i} className='so-rule'>
            <View className='st-input-row'>
              <Input
                className='st-input'
                value={r}
                maxlength={-1}
                placeholder={`第 ${i + 1} 条规则`}
                placeholderClass='st-placeholder'
                onInput={(e) => onChange(rules.map((x, j) => (j === i ? e.detail.value : x)))}
              />
              {/* Counted only near the limit: twenty counters would be noise. */}
              {textLength(r) > DEAL_LIMITS.rule - 20 && (
                <Text className={`st-field__count${textLength(r) > DEAL_LIMITS.rule ? ' st-field__count--over' : ''}`}>{`${textLength(r)}/${DEAL_LIMITS.rule}`}</Text>
              )}
            </View>
            <Text className='so-rule__remove' onClick={() => onChange(rules.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
        ))}
        {rules.length < MAX_RULES && (
          <Text className='so-add' onClick={() => onChange([...rules, ''])}>
            ＋ 添加一条规则
          </Text>
        )}
      </View>
    </Field>
  )
}

/** How to shape 团购详情 (the marks core/deals/description reads), and a picture put at its end. */
function DescriptionTools({ description, onChange, onUploadingChange }: { description: string; onChange: (d: string) => void; onUploadingChange?: (busy: boolean) => void }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const insert = async () => {
    let picked: PickedImage | undefined
    try {
      ;[picked] = await pickImages(1)
    } catch (e) {
      setState({ busy: false, error: toApiError(e).message })
      return
    }
    if (!picked) return
    setState({ busy: true, error: null })
    onUploadingChange?.(true)
    try {
      const url = await uploadImage(picked)
      onChange(`${description.replace(/\s+$/, '')}${description.trim() ? '\n' : ''}${imageLine(url)}\n`)
      setState({ busy: false, error: null })
    } catch (e) {
      setState({ busy: false, error: toApiError(e).message })
    } finally {
      onUploadingChange?.(false)
    }
  }
  return (
    <View className='so-desc-tools'>
      <Text className='st-field__hint'>「【小标题】」单独一行是小标题，「- 」开头是列表，空一行分段；图片插在末尾。</Text>
      <Text className={`so-desc-tools__insert${state.busy ? ' so-desc-tools__insert--busy' : ''}`} onClick={() => void (state.busy ? undefined : insert())}>
        {state.busy ? '图片上传中…' : '＋ 插入图片'}
      </Text>
      {state.error && <Text className='st-field__error'>{state.error}</Text>}
    </View>
  )
}
