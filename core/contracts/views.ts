import type { Fen } from '../money/fen'
import type { Millis } from './common'
import type { DealCategory } from '../deals/categories'

export type DealStatus = 'draft' | 'published' | 'paused' | 'ended'

/** Whether a deal can be bought right now, and if not, why: computed on the server, shown as is. */
export type SaleState = 'on_sale' | 'not_started' | 'ended' | 'sold_out' | 'paused' | 'draft'

/** How a shop works with promoters (推手). Public: promoters see it before they share. */
export interface PromoterPolicy {
  /** Commissions on the shop's deals count only for promoters the shop approved. */
  approvalRequired: boolean
  /** Last-touch attribution window, days (default 7). */
  attributionDays: number
  /** Whether a promoter earns on their own purchases through their own share (default no). */
  selfPurchase: boolean
  /** Days a settled commission stays locked after redemption before it can be withdrawn (default 0). */
  holdDays: number
}

export interface ShopBrief {
  id: string
  name: string
  address: string
  phone: string
  location: { lat: number; lng: number; name?: string } | null
  hours: string
  promoterPolicy: PromoterPolicy
}

export interface DealCard {
  id: string
  shopId: string
  shopName: string
  title: string
  cover: string
  priceFen: Fen
  originalPriceFen: Fen
  sold: number
  stockLeft: number
  saleStart: Millis
  saleEnd: Millis
  saleState: SaleState
  /** 随时退 and 过期退 are promises of the platform, always true for a group-buy voucher; kept explicit for the badge. */
  refundAnytime: boolean
  refundOnExpiry: boolean
  /** Minimum group size (成团): real paid units only, never a virtual fill. Null when the deal has none. */
  group: GroupProgress | null
  /** The shop's category for the deal (core/deals/categories); null on deals filed before categories. */
  category: DealCategory | null
  /** Metres from the buyer: only in deals.list with `near`, else absent. */
  distanceM?: number
}

export interface GroupProgress {
  /** What the minimum counts: paid units (份) or distinct paying buyers (人). */
  by: 'units' | 'buyers'
  min: number
  /** Real paid units or buyers so far (refunds taken back). */
  count: number
  deadline: Millis
  status: 'forming' | 'succeeded' | 'failed'
}

export interface DealDetail extends DealCard {
  images: string[]
  validStart: Millis
  validEnd: Millis
  rules: string[]
  description: string
  perUserLimit: number
  shop: ShopBrief
  serverTime: Millis
}

export interface Membership {
  shopId: string
  shopName: string
  role: 'owner' | 'staff'
}

export interface Me {
  openid: string | null
  isAdmin: boolean
  memberships: Membership[]
  promoter: boolean
}

export type OrderState = import('../orders/states').OrderState
export type CodeState = import('../codes/states').CodeState
export type RefundReason = import('../codes/states').RefundReason

export interface CodeView {
  code: string
  state: CodeState
  redeemedAt: Millis | null
  refundedAt: Millis | null
  refundReason: RefundReason | null
}

export interface TimelineEvent {
  at: Millis
  action: string
  label: string
}

export interface OrderSummary {
  id: string
  dealId: string
  dealTitle: string
  cover: string
  shopName: string
  qty: number
  amountFen: Fen
  /** Of amountFen, what was refunded so far (随时退, expiry, a failed group): kept = amountFen − refundedFen. */
  refundedFen: Fen
  state: OrderState
  unusedCount: number
  createdAt: Millis
  /** Deadline to pay while pending_payment. */
  payBefore: Millis
}

export interface OrderView extends OrderSummary {
  shopId: string
  unitPriceFen: Fen
  phone: string | null
  paidAt: Millis | null
  validStart: Millis
  validEnd: Millis
  codes: CodeView[]
  timeline: TimelineEvent[]
  /** The buyer reviewed this order (one review per order). */
  reviewed: boolean
  /**
   * 确认收货 (weapp: wx.openBusinessView weappOrderConfirm with this transaction id) once WeChat has the order's
   * shipping info; null (or absent) before that and for orders refunded in full.
   */
  receipt?: { transactionId: string; confirmed: boolean } | null
  serverTime: Millis
}

/** What the client needs to open WeChat Pay's sheet (wx.requestPayment); locally the emulator's sheet takes `package`. */
export type PayParams = { provider: 'wechat'; timeStamp: string; nonceStr: string; package: string; signType: 'MD5' | 'RSA' | 'HMAC-SHA256'; paySign: string }

export interface CodePreview {
  code: string
  state: CodeState
  dealTitle: string
  unitPriceFen: Fen
  /** Buyer as staff may see them: "小林" -> "小*", openid never shown. */
  buyerMasked: string
  validStart: Millis
  validEnd: Millis
  /** Every code of the same order, so staff can redeem several in one step. */
  orderCodes: { code: string; state: CodeState }[]
  unitsLeftOnOrder: number
  redeemedAt: Millis | null
  redeemedByMe: boolean
}

export type RedeemOutcome =
  | { code: string; ok: true; redeemedAt: Millis; replay: boolean }
  | { code: string; ok: false; error: string; message: string; redeemedAt?: Millis; redeemedBy?: string }

export interface RedemptionRecord {
  code: string
  dealTitle: string
  unitPriceFen: Fen
  redeemedAt: Millis
  staffName: string
  undoable: boolean
}

/** A redemption as staff see it where the owner keeps the money to themself: no price (no sum of the day's money). */
export type RedemptionRecordWithoutPrice = Omit<RedemptionRecord, 'unitPriceFen'>

export interface BuyerEntry {
  /** "张**": the nickname the buyer gave at checkout, masked. */
  name: string
  units: number
  at: Millis
}

export interface BuyerList {
  totalBuyers: number
  totalUnits: number
  items: BuyerEntry[]
  /** When the page was opened from a WeChat group: that group's own list. */
  group: { buyers: number; units: number; items: BuyerEntry[] } | null
}

export interface ReviewView {
  id: string
  rating: number
  text: string
  photos: string[]
  name: string
  at: Millis
  reply: { text: string; at: Millis } | null
}

export interface ReviewSummary {
  average: number | null
  count: number
  items: ReviewView[]
}

/** deals.page: what the deal page shows, from one call. */
export interface DealPage {
  deal: DealDetail
  buyers: BuyerList
  reviews: ReviewSummary
}

export interface NotificationView {
  id: string
  kind: string
  title: string
  body: string
  at: Millis
  page: string
  /** Also pushed as a WeChat subscribe message (the user had allowed one); otherwise only in the app. */
  pushed: boolean
}

export interface MemberView {
  openid: string
  name: string
  role: 'owner' | 'staff'
  joinedAt: Millis
}

export interface InviteView {
  code: string
  shopId: string
  role: 'owner' | 'staff'
  expiresAt: Millis
}

/** The shop's own view of a deal: everything the edit form needs, drafts included. */
export interface DealAdminView extends DealDetail {
  status: DealStatus
  commissionBps: number
}

/** What happened in a shop on a China day (or over a period: `day` is then "from~to"): counts, no money. */
export interface DayStats {
  day: string
  orders: number
  units: number
  redemptions: number
  refunds: number
}

/** 收入, 退款 and 净收入, as core/shops/money defines them (the settlement export's totals are the same). */
export interface MoneyTotals {
  grossFen: Fen
  refundedFen: Fen
  /** grossFen − refundedFen: negative on a day with refunds and no sales. */
  netFen: number
}

export interface DayMoney extends MoneyTotals {
  day: string
}

/** Money of whole China days from `from` to `to`, both included. */
export interface PeriodMoney extends MoneyTotals {
  from: string
  to: string
}

/** The shop's money, apart from the counts so it can be shown (or withheld) as one part. */
export interface DashboardMoney {
  today: DayMoney
  last30: PeriodMoney
  daily: DayMoney[]
}

export interface Dashboard {
  today: DayStats
  last30: DayStats
  daily: DayStats[]
  /** null for staff of a shop whose owner keeps the money to themself (ShopSettings.staffSeeRevenue off). */
  money: DashboardMoney | null
}

/** A refund WeChat Pay could not return (退款异常): the owner fixes it in WeChat Pay's merchant platform, then re-queries. */
export interface RefundIssue {
  refundNo: string
  orderId: string
  dealTitle: string
  refundFen: number
  /** When it was first found abnormal. */
  since: Millis
}

/** Where a re-queried refund is now (succeeded: the money is back and booked). */
export interface RefundRequery {
  refundNo: string
  status: 'requested' | 'processing' | 'succeeded' | 'abnormal'
}

export type LineStatus = 'pending' | 'settled' | 'reversed'

export interface CommissionLineView {
  id: string
  orderId: string
  dealTitle: string
  /** The unit's share of its order's commission: while pending it may move by a fen as other units of the order are redeemed or refunded. */
  amountFen: Fen
  /** Taken back by a refund: the line's whole amount (lines reversed before core/commission's rule: the order's drop). */
  reversedFen: Fen
  status: LineStatus
  /** When a settled line becomes withdrawable (shop hold days after redemption). */
  availableAt: Millis | null
  /** For a pending line: it settles when the code is used, then waits these days... */
  holdDays: number
  /** ...and the code must be used by this time (an unused code is refunded at expiry and the line reversed). */
  validEnd: Millis | null
  history: { status: LineStatus; at: Millis }[]
}

export interface FunnelCounts {
  /** Opens of the card/poster/link. */
  visits: number
  /** Distinct people who opened it. */
  visitors: number
  /** Orders placed through it (paid or not). */
  placed: number
  /** Paid orders attributed to it, and their units. */
  orders: number
  units: number
  /** Units of those orders used at the shop. */
  redeemed: number
  /** Live commission (refunds taken back). */
  commissionFen: Fen
}

/** One WeChat group a share was opened in. WeChat gives no group names to servers: `label` is a stable short tag. */
export interface GroupFunnel extends FunnelCounts {
  label: string
}

/** Whether a shop that requires approval has approved the promoter ('not_required' when it does not). */
export type ApprovalState = 'not_required' | 'pending' | 'approved' | 'rejected'

export interface ShareFunnel extends FunnelCounts {
  shareCode: string
  dealId: string
  dealTitle: string
  channel: string
  createdAt: Millis
  approval: ApprovalState
  /** The same funnel per WeChat group the share was opened in, most visits first. */
  groups: GroupFunnel[]
}

/** What the client needs to let the promoter confirm a merchant transfer (wx.requestMerchantTransfer; locally the emulator's sheet takes `package`). */
export type TransferParams = { provider: 'wechat'; mchId: string; appId: string; package: string }

export interface WithdrawalView {
  id: string
  amountFen: Fen
  /** requested: waiting for the promoter to confirm receipt in WeChat (or for WeChat's answer). */
  status: 'requested' | 'paid' | 'failed'
  createdAt: Millis
  paidAt: Millis | null
  /** Why a transfer failed, in words a promoter can read (the money is back in the balance). */
  failReason: string | null
  /** Present while the transfer waits for the promoter's confirmation. */
  transfer: TransferParams | null
}

export interface PromoterCenter {
  name: string
  balance: { pendingFen: Fen; lockedFen: Fen; availableFen: Fen; withdrawnFen: Fen }
  minWithdrawFen: Fen
  shares: ShareFunnel[]
  recentLines: CommissionLineView[]
  withdrawals: WithdrawalView[]
}

/** "Why this order is yours": the order, the rule that gave it to the promoter, and each unit's line. */
export interface PromoterOrderView {
  orderId: string
  dealTitle: string
  shopName: string
  /** The buyer as the promoter may see them, masked ("张**"). */
  buyerMasked: string
  units: number
  paidAt: Millis
  rule: 'share_code' | 'last_touch'
  shareCode: string
  channel: string
  /** When the buyer opened the share that won (null when the order carried the share code without a recorded visit). */
  visitAt: Millis | null
  /** Attribution window of the shop at the time, days. */
  windowDays: number
  /** From a WeChat group (label as in the funnel), when the winning visit came from one. */
  groupLabel: string | null
  /** False while the shop requires approval and has not given it: the order is yours but earns nothing. */
  commissionCounts: boolean
  commissionFen: Fen
  lines: CommissionLineView[]
}

export interface ShareResult {
  shareCode: string
  /** Page path with query for onShareAppMessage. */
  path: string
  /** The `scene` of a mini-program code (≤ 32 visible characters). */
  scene: string
  approval: ApprovalState
  /** What one unit sold through this share earns the promoter now. */
  earning: DealEarning
}

/** What one unit sold through a promoter's share of a deal earns, under the shop's current policy (core/promoters/earning). */
export interface DealEarning {
  dealId: string
  /** 0 while the shop's approval is pending or refused (see `approval`). */
  perUnitFen: Fen
  /** The deal's commission rate on one unit, whatever the approval. */
  rateFen: Fen
  approval: ApprovalState
  /** Whether the promoter's own purchases through their share earn (the shop's policy; no by default). */
  selfPurchase: boolean
}

/** The mini-program code for a poster: an image (production, cached) or a QR code of the h5 deal address (local). */
export type PosterCode = { kind: 'image'; url: string } | { kind: 'qr'; text: string }

/** A promoter as the shop sees them: funnel and money on the shop's deals, and the approval state. */
export interface ShopPromoterView extends FunnelCounts {
  promoterId: string
  name: string
  approval: ApprovalState
  firstSeenAt: Millis
  settledFen: Fen
}

/** A promoter as staff see them where the owner keeps the money to themself: the funnel, no commission figures. */
export type ShopPromoterCounts = Omit<ShopPromoterView, 'commissionFen' | 'settledFen'>

/** What only the shop's owner reads and sets. */
export interface ShopSettings {
  /** Staff see the shop's money (收入, 退款, 净收入, promoter commissions); off by default (core/shops/staff-access). */
  staffSeeRevenue: boolean
}

export type MessageKind = 'paid' | 'group_succeeded' | 'group_failed' | 'expiring' | 'redeemed' | 'refunded' | 'settled' | 'withdrawal'

/** A subscribe-message template the client asks consent for (wx.requestSubscribeMessage). */
export interface MessageTemplate {
  kind: MessageKind
  templateId: string
  title: string
}
