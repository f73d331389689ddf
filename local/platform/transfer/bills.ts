import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** 转账单 states as WeChat Pay v3 spells them (商家转账, user-confirmation mode). */
export type BillState = 'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELING' | 'CANCELLED'

export const FINAL_STATES: readonly BillState[] = ['SUCCESS', 'FAIL', 'CANCELLED']

export interface Bill {
  outBillNo: string
  transferBillNo: string
  appid: string
  openid: string
  amount: number
  remark: string
  sceneId: string
  notifyUrl: string | null
  state: BillState
  failReason: string | null
  /** What wx.requestMerchantTransfer takes; opaque to the merchant. */
  packageInfo: string
  createdAt: number
  updatedAt: number
  /** The final-state callback still owed: next attempt due at (null: none owed, or given up), attempts so far. */
  notify: { dueAt: number | null; attempts: number; acked: boolean }
}

/**
 * The emulator's bills, kept in memory and written through to one JSON file (replaced atomically), so a stack
 * killed and started again on the same data dir still knows every bill and every callback it owes.
 */
export class BillStore {
  private readonly bills = new Map<string, Bill>()

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const b of (JSON.parse(readFileSync(file, 'utf8')) as { bills: Bill[] }).bills) this.bills.set(b.outBillNo, b)
    }
  }

  get(outBillNo: string): Bill | undefined {
    return this.bills.get(outBillNo)
  }

  find(pred: (b: Bill) => boolean): Bill | undefined {
    for (const b of this.bills.values()) if (pred(b)) return b
    return undefined
  }

  all(): Bill[] {
    return [...this.bills.values()]
  }

  put(b: Bill): void {
    this.bills.set(b.outBillNo, b)
    this.save()
  }

  save(): void {
    if (!this.file) return
    mkdirSync(path.dirname(this.file), { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ bills: this.all() }))
    renameSync(tmp, this.file)
  }
}
