import { Text, View } from '@tarojs/components'
import type { CommissionLineView, PromoterCenter } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format'
import { lockedSchedule } from '../model/locked'
import { ledgerYuan, minYuanText } from '../model/money'
import './promoter.css'

type Balance = PromoterCenter['balance']

/**
 * 可提现 first and large; then where the rest of the money is on its way (待结算, 冻结中) and what was paid out;
 * under them, when each locked part becomes withdrawable.
 */
export function BalanceCards({ balance, minWithdrawFen, lines, now }: { balance: Balance; minWithdrawFen: number; lines: CommissionLineView[]; now: number }) {
  const negative = balance.availableFen < 0
  const locked = lockedSchedule(lines, balance.lockedFen, now)
  return (
    <View className='pc-balance'>
      <View className={`pc-balance__main${negative ? ' pc-balance__main--negative' : ''}`}>
        <Text className='pc-balance__label'>可提现</Text>
        <Text className='pc-balance__amount'>{ledgerYuan(balance.availableFen)}</Text>
        {negative ? (
          <Text className='pc-balance__note'>
            已提现的佣金因顾客退款被冲回，余额暂为负数；之后结算的佣金会先补足这部分，不需要你另外支付。
          </Text>
        ) : (
          <Text className='pc-balance__note'>已结算且过了冻结期的佣金，满 {minYuanText(minWithdrawFen)}可提现</Text>
        )}
      </View>
      <View className='pc-balance__grid'>
        <Cell label='待结算' fen={balance.pendingFen} note='券码核销后结算' />
        <Cell label='冻结中' fen={balance.lockedFen} note='冻结期满自动可提现' />
        <Cell label='已提现' fen={balance.withdrawnFen} note='累计到账' />
      </View>
      {balance.lockedFen > 0 && (locked.batches.length > 0 || locked.restFen > 0) && (
        <View className='pc-balance__locked'>
          <Text className='pc-balance__locked-title'>冻结中的佣金何时可提现</Text>
          {locked.batches.map((b) => (
            <View key={b.availableAt} className='pc-balance__locked-row'>
              <Text className='pc-balance__locked-when'>{formatDateTime(b.availableAt, now)} 起</Text>
              <Text className='pc-balance__locked-fen'>{ledgerYuan(b.fen)}</Text>
            </View>
          ))}
          {locked.restFen > 0 && (
            <View className='pc-balance__locked-row'>
              <Text className='pc-balance__locked-when'>更早的佣金（见佣金明细）</Text>
              <Text className='pc-balance__locked-fen'>{ledgerYuan(locked.restFen)}</Text>
            </View>
          )}
        </View>
      )}
    </View>
  )
}

function Cell({ label, fen, note }: { label: string; fen: number; note: string }) {
  return (
    <View className='pc-balance__cell'>
      <Text className='pc-balance__cell-label'>{label}</Text>
      <Text className='pc-balance__cell-amount'>{ledgerYuan(fen)}</Text>
      <Text className='pc-balance__cell-note'>{note}</Text>
    </View>
  )
}
