import { Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { WithdrawalView } from '@core/contracts/views'
import { toApiError } from '@/shared/api/errors'
import { prefetchMessageTemplates, requestSubscribe } from '@/shared/subscribe'
import { Button } from '@/shared/ui'
import { withdraw } from '../api/withdraw'
import { newIdempotencyKey } from '../model/idempotency'
import { checkWithdrawAmount, ledgerYuan, minYuanText, yuanInputValue } from '../model/money'
import { describeOutcome, useTransfer, type TransferOutcome } from '../transfer/useTransfer'
import { WithdrawalList } from './WithdrawalList'
import './promoter.css'

/** Failures after which we cannot know whether the withdrawal was made: the retry must carry the same key. */
const UNCERTAIN = new Set(['NETWORK', 'INTERNAL'])

interface Attempt {
  key: string
  fen: number
}

export interface WithdrawPanelProps {
  availableFen: number
  minWithdrawFen: number
  withdrawals: WithdrawalView[]
  /** The centre should reload (balance and withdrawals moved). */
  onChanged: () => void
}

/**
 * 提现, then 确认收款, then the record. The amount in yuan becomes integer fen by string parsing; at least the
 * centre's minimum and at most the available balance (the function checks both again). Every attempt has its own
 * idempotency key; when the answer is lost (network, server error) the retry of the same amount reuses it, so a
 * withdrawal is made at most once. The function answers a merchant transfer that the promoter confirms in
 * WeChat (locally on a simulated sheet); until then the withdrawal is 提现中 and can be confirmed from the record.
 */
export function WithdrawPanel({ availableFen, minWithdrawFen, withdrawals, onChanged }: WithdrawPanelProps) {
  const transfer = useTransfer()
  const [text, setText] = useState('')
  const [attempt, setAttempt] = useState<Attempt | null>(null)
  const [busy, setBusy] = useState<'withdraw' | 'confirm' | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [uncertain, setUncertain] = useState(false)
  const [outcome, setOutcome] = useState<TransferOutcome | null>(null)

  // The consent dialog must open inside the tap: have the templates in memory before it.
  useEffect(() => prefetchMessageTemplates(), [])

  const confirmTransfer = async (w: WithdrawalView) => {
    setConfirming(w.id)
    try {
      setOutcome(await transfer.confirm(w))
    } finally {
      setConfirming(null)
      onChanged()
    }
  }

  const submit = async () => {
    if (busy || confirming) return
    const check = checkWithdrawAmount(text, availableFen, minWithdrawFen)
    if (!check.ok) {
      setError(check.message)
      return
    }
    const key = attempt && attempt.fen === check.fen ? attempt.key : newIdempotencyKey()
    setAttempt({ key, fen: check.fen })
    setBusy('withdraw')
    setError(null)
    setOutcome(null)
    // 结算提醒: one message when a commission settles (the promoter may say no; the withdrawal goes on either way).
    await requestSubscribe(['settled'])
    let made: WithdrawalView | null = null
    try {
      made = await withdraw(check.fen, key)
      setAttempt(null)
      setUncertain(false)
      setText('')
    } catch (e) {
      const err = toApiError(e)
      if (UNCERTAIN.has(err.code)) {
        setUncertain(true)
        setError(`${err.message}。这笔提现是否成功还不确定，请点「重试提现」，同一笔不会重复提现`)
      } else {
        setAttempt(null)
        setUncertain(false)
        setError(err.message)
      }
    } finally {
      onChanged()
    }
    if (made) {
      if (made.status === 'requested' && made.transfer) {
        setBusy('confirm')
        await confirmTransfer(made)
      } else {
        setOutcome(describeOutcome(made, true, made.amountFen))
      }
    }
    setBusy(null)
  }

  const canWithdraw = availableFen >= minWithdrawFen
  return (
    <View>
      <View className='pc-card pc-withdraw'>
        <View className='pc-card__head'>
          <Text className='pc-card__title'>提现</Text>
          <Text className='pc-card__aside'>
            最低 {ledgerYuan(minWithdrawFen)} · 可提 {ledgerYuan(Math.max(0, availableFen))}
          </Text>
        </View>
        <View className='pc-withdraw__row'>
          <Text className='pc-withdraw__yen'>¥</Text>
          <Input
            className='pc-withdraw__input'
            type='digit'
            value={text}
            placeholder={canWithdraw ? '输入提现金额（元）' : `满 ${minYuanText(minWithdrawFen)}可提现`}
            disabled={!canWithdraw && !attempt}
            onInput={(e) => {
              setText(e.detail.value)
              setError(null)
              setOutcome(null)
            }}
          />
          {canWithdraw && (
            <Text className='pc-withdraw__all' onClick={() => setText(yuanInputValue(availableFen))}>
              全部
            </Text>
          )}
        </View>
        {error && <Text className='pc-form__error'>{error}</Text>}
        <View className='pc-withdraw__action'>
          <Button block disabled={busy !== null || confirming !== null || (!canWithdraw && !attempt)} onClick={() => void submit()}>
            {busy === 'withdraw' ? '正在提现…' : busy === 'confirm' ? '等待确认收款…' : uncertain ? '重试提现' : '提现'}
          </Button>
        </View>
        <Text className='pc-withdraw__how'>提现通过微信「商家转账」到你的零钱：提交后在微信里确认收款即到账；没有确认或转账失败，金额会退回可提现余额。</Text>
        {outcome && (
          <View className={`pc-withdraw__done pc-withdraw__done--${outcome.tone}`}>
            <Text className='pc-withdraw__done-title'>{outcome.tone === 'ok' ? '提现到账' : outcome.tone === 'wait' ? '提现中' : '提现未完成'}</Text>
            <Text className='pc-withdraw__done-note'>{outcome.message}</Text>
          </View>
        )}
      </View>
      <WithdrawalList items={withdrawals} confirming={confirming} disabled={busy !== null || confirming !== null} onConfirm={(w) => void confirmTransfer(w)} />
      {transfer.sheet}
    </View>
  )
}
