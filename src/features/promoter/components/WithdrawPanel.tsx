import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { toApiError } from '@/shared/api/errors'
import { isLocalMode } from '@/shared/config/build'
import { Button } from '@/shared/ui'
import { withdraw, type WithdrawResult } from '../api/promoters'
import { newIdempotencyKey } from '../model/idempotency'
import { MIN_WITHDRAW_FEN, checkWithdrawAmount, ledgerYuan, yuanInputValue } from '../model/money'
import './promoter.css'

/** Failures after which we cannot know whether the transfer happened: the retry must carry the same key. */
const UNCERTAIN = new Set(['NETWORK', 'INTERNAL'])

interface Attempt {
  key: string
  fen: number
}

const STATUS: Record<string, string> = { paid: '已到账', requested: '处理中', failed: '失败' }

/**
 * 提现: the amount in yuan becomes integer fen by string parsing; at least ¥1 and at most the available balance
 * (the function checks both again). Every attempt has its own idempotency key; when the answer is lost (network,
 * server error) the retry of the same amount reuses it, so a withdrawal is paid at most once.
 */
export function WithdrawPanel({ availableFen, onChanged }: { availableFen: number; onChanged: () => void }) {
  const [text, setText] = useState('')
  const [attempt, setAttempt] = useState<Attempt | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [uncertain, setUncertain] = useState(false)
  const [done, setDone] = useState<WithdrawResult | null>(null)

  const submit = async () => {
    if (busy) return
    const check = checkWithdrawAmount(text, availableFen)
    if (!check.ok) {
      setError(check.message)
      return
    }
    const key = attempt && attempt.fen === check.fen ? attempt.key : newIdempotencyKey()
    setAttempt({ key, fen: check.fen })
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      const r = await withdraw(check.fen, key)
      setDone(r)
      setAttempt(null)
      setUncertain(false)
      setText('')
    } catch (e) {
      const err = toApiError(e)
      if (UNCERTAIN.has(err.code)) {
        setUncertain(true)
        setError(`${err.message}。这笔提现是否成功还不确定，请点「重试提现」，同一笔不会重复到账`)
      } else {
        setAttempt(null)
        setUncertain(false)
        setError(err.message)
      }
    } finally {
      setBusy(false)
      onChanged()
    }
  }

  const canWithdraw = availableFen >= MIN_WITHDRAW_FEN
  return (
    <View className='pc-card pc-withdraw'>
      <View className='pc-card__head'>
        <Text className='pc-card__title'>提现</Text>
        <Text className='pc-card__aside'>最低 ¥1 · 可提 {ledgerYuan(Math.max(0, availableFen))}</Text>
      </View>
      <View className='pc-withdraw__row'>
        <Text className='pc-withdraw__yen'>¥</Text>
        <Input
          className='pc-withdraw__input'
          type='digit'
          value={text}
          placeholder={canWithdraw ? '输入提现金额（元）' : '满 1 元可提现'}
          disabled={!canWithdraw && !attempt}
          onInput={(e) => {
            setText(e.detail.value)
            setError(null)
            setDone(null)
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
        <Button block disabled={busy || (!canWithdraw && !attempt)} onClick={() => void submit()}>
          {busy ? '正在提现…' : uncertain ? '重试提现' : '提现'}
        </Button>
      </View>
      {done && (
        <View className='pc-withdraw__done'>
          <Text className='pc-withdraw__done-title'>
            提现 {ledgerYuan(done.amountFen)} {STATUS[done.status] ?? done.status}
          </Text>
          <Text className='pc-withdraw__done-note'>
            {isLocalMode()
              ? `本地演示：模拟的商家转账，已直接到账（单号 ${done.id}）。正式环境中，需在微信里确认收款后才到零钱。`
              : `单号 ${done.id}。请在微信中确认收款，确认后到账零钱。`}
          </Text>
        </View>
      )}
    </View>
  )
}
