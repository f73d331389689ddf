import type { CodePreview, RedeemOutcome, RedemptionRecord, RedemptionRecordWithoutPrice } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

export function previewCode(code: string): Promise<CodePreview> {
  return callFunction('redemption', 'preview', { code })
}

export function confirmCodes(codes: string[], idempotencyKey: string): Promise<{ results: RedeemOutcome[] }> {
  return callFunction('redemption', 'confirm', { codes, idempotencyKey })
}

export function undoRedemption(code: string): Promise<CodePreview> {
  return callFunction('redemption', 'undo', { code })
}

export interface HistoryFilter {
  day?: string
  staff?: string
}

export function redemptionHistory(shopId: string, filter: HistoryFilter): Promise<{ items: RedemptionRecord[] | RedemptionRecordWithoutPrice[]; staff: { openid: string; name: string }[] }> {
  return callFunction('redemption', 'history', { shopId, ...(filter.day ? { day: filter.day } : {}), ...(filter.staff ? { staff: filter.staff } : {}) })
}
