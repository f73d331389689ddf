import * as v from 'valibot'
import { DEAL_LIMITS } from '../deals/limits'
import { DEAL_CATEGORY_IDS } from '../deals/categories'
import { action } from './action'
import { Cursor, GroupCloudID, Id, PageLimit } from './common'
import type { BuyerList, DealAdminView, DealCard, DealDetail, DealPage, ReviewSummary, ReviewView } from './views'

const Fen = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000))
/** Epoch ms up to 2100-01-01: larger integers (2^53, 1e21) are not valid dates and cannot be stored as times. */
const Time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4_102_444_800_000))
const ImageRef = v.pipe(v.string(), v.maxLength(512), v.regex(/^(\/files\/|cloud:\/\/|https:\/\/)/))
const DealFields = {
  title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(DEAL_LIMITS.title)),
  images: v.pipe(v.array(ImageRef), v.maxLength(DEAL_LIMITS.images)),
  priceFen: Fen,
  originalPriceFen: Fen,
  stock: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
  perUserLimit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99)),
  saleStart: Time,
  saleEnd: Time,
  validStart: Time,
  validEnd: Time,
  rules: v.pipe(v.array(v.pipe(v.string(), v.maxLength(DEAL_LIMITS.rule))), v.maxLength(DEAL_LIMITS.rules)),
  description: v.pipe(v.string(), v.maxLength(DEAL_LIMITS.description)),
  commissionBps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3000)),
  /** 成团: minimum paid units (or buyers) before any code can be used, and the deadline to reach it (0 = no minimum). */
  groupMin: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)), 0),
  groupBy: v.optional(v.picklist(['units', 'buyers']), 'units'),
  groupDeadline: v.optional(Time),
  category: v.optional(v.picklist(DEAL_CATEGORY_IDS)),
}

/** Where the buyer is (附近): WGS-84/GCJ-02 degrees as the platform gives them. */
const Near = v.strictObject({
  lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
})

export const dealsContract = {
  list: action<{ items: DealCard[]; nextCursor: string | null }>()({
    input: v.strictObject({
      limit: PageLimit,
      cursor: Cursor,
      shopId: v.optional(Id),
      /** Search in deal titles and shop names, literally (no pattern syntax); longer than 40 characters is cut. */
      q: v.optional(v.pipe(v.string(), v.maxLength(200))),
      category: v.optional(v.picklist(DEAL_CATEGORY_IDS)),
      /** 附近: shops within 30 km of this point, nearest first, each card with its distanceM. */
      near: v.optional(Near),
    }),
    roles: ['anyone'],
    summary:
      'Published deals in the feed order of core/deals/feed: buyable (ending within 24 h first, then most sold, then newest), then upcoming (soonest first), then sold out / ended / paused; with `near`, nearest first (inactive still last). Home page and shop page.',
    returns: '{ items: DealCard[], nextCursor: string | null }',
    errors: ['INVALID_INPUT'],
  }),
  get: action<DealDetail>()({
    input: v.strictObject({ id: Id }),
    roles: ['anyone'],
    summary: 'One deal with its shop, as the deal page shows it. Drafts are visible only to the shop.',
    returns: 'DealDetail',
    errors: ['INVALID_INPUT', 'DEAL_NOT_FOUND'],
  }),
  listForShop: action<DealAdminView[]>()({
    input: v.strictObject({ shopId: Id }),
    roles: ['staff', 'owner'],
    summary: "All of a shop's deals, drafts included, for the shop's own pages.",
    returns: 'DealAdminView[]',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND'],
  }),
  create: action<DealAdminView>()({
    input: v.strictObject({ shopId: Id, ...DealFields }),
    roles: ['owner'],
    summary: 'Creates a draft deal (publish it with setStatus). Commission rate in basis points, at most 30 %.',
    returns: 'DealAdminView',
    errors: ['UNAUTHENTICATED', 'SHOP_NOT_FOUND', 'FORBIDDEN', 'DEAL_INVALID'],
  }),
  update: action<DealAdminView>()({
    input: v.strictObject({
      id: Id,
      title: v.optional(DealFields.title),
      images: v.optional(DealFields.images),
      priceFen: v.optional(DealFields.priceFen),
      originalPriceFen: v.optional(DealFields.originalPriceFen),
      perUserLimit: v.optional(DealFields.perUserLimit),
      saleStart: v.optional(DealFields.saleStart),
      saleEnd: v.optional(DealFields.saleEnd),
      validStart: v.optional(DealFields.validStart),
      validEnd: v.optional(DealFields.validEnd),
      rules: v.optional(DealFields.rules),
      description: v.optional(DealFields.description),
      commissionBps: v.optional(DealFields.commissionBps),
      category: v.optional(DealFields.category),
    }),
    roles: ['owner'],
    summary: 'Edits a deal that has not ended. Stock moves only through adjustStock.',
    returns: 'DealAdminView',
    errors: ['UNAUTHENTICATED', 'DEAL_NOT_FOUND', 'FORBIDDEN', 'DEAL_STATE_CHANGE_NOT_ALLOWED', 'DEAL_INCOMPLETE', 'DEAL_INVALID'],
  }),
  setStatus: action<DealAdminView>()({
    input: v.strictObject({ id: Id, to: v.picklist(['published', 'paused', 'ended']) }),
    roles: ['owner'],
    summary: 'Publish, pause, resume or end (compare-and-set on the current status, per the transitions table).',
    returns: 'DealAdminView',
    errors: ['UNAUTHENTICATED', 'DEAL_NOT_FOUND', 'FORBIDDEN', 'DEAL_STATE_CHANGE_NOT_ALLOWED', 'DEAL_INCOMPLETE'],
  }),
  adjustStock: action<DealAdminView>()({
    input: v.strictObject({ id: Id, delta: v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000)) }),
    roles: ['owner'],
    summary: 'Adds or removes units for sale atomically; never below zero, never touching units already sold.',
    returns: 'DealAdminView',
    errors: ['UNAUTHENTICATED', 'DEAL_NOT_FOUND', 'FORBIDDEN', 'STOCK_BELOW_ZERO'],
  }),
  buyers: action<BuyerList>()({
    input: v.strictObject({ dealId: Id, groupCloudID: GroupCloudID, limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 20) }),
    roles: ['anyone'],
    summary: '接龙: real buyers of the deal, newest first, masked ("张**"), refunded buyers removed; with the cloudID of the WeChat group the page was opened from, also that group\'s own list.',
    returns: 'BuyerList',
    errors: ['DEAL_NOT_FOUND'],
  }),
  page: action<DealPage>()({
    input: v.strictObject({ id: Id, groupCloudID: GroupCloudID }),
    roles: ['anyone'],
    summary:
      'Everything the deal page shows, in one call: the deal with its shop, counts and group progress (as deals.get), the buyer list head (as deals.buyers, 20, with the group\'s own list when the page was opened from a WeChat group) and the review summary (as deals.reviews, 10). The reads run in parallel. Drafts are visible only to the shop.',
    returns: '{ deal: DealDetail, buyers: BuyerList, reviews: ReviewSummary }',
    errors: ['INVALID_INPUT', 'DEAL_NOT_FOUND'],
  }),
  reviews: action<ReviewSummary>()({
    input: v.strictObject({ dealId: Id, limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10) }),
    roles: ['anyone'],
    summary: 'Average rating and the newest reviews of a deal, with the shop\'s replies.',
    returns: 'ReviewSummary',
    errors: ['DEAL_NOT_FOUND'],
  }),
  review: action<ReviewView>()({
    input: v.strictObject({
      orderId: Id,
      rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
      text: v.pipe(v.string(), v.trim(), v.maxLength(500)),
      photos: v.optional(v.pipe(v.array(ImageRef), v.maxLength(3)), []),
    }),
    roles: ['user'],
    summary: 'A verified review: only a buyer with at least one redeemed code on the order, once per order.',
    returns: 'ReviewView',
    errors: ['UNAUTHENTICATED', 'ORDER_NOT_FOUND', 'REVIEW_NOT_ALLOWED', 'ALREADY_REVIEWED'],
  }),
  replyReview: action<ReviewView>()({
    input: v.strictObject({ reviewId: Id, text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300)) }),
    roles: ['staff', 'owner'],
    summary: 'The shop replies to a review of its deal, once.',
    returns: 'ReviewView',
    errors: ['UNAUTHENTICATED', 'REVIEW_NOT_FOUND', 'ALREADY_REPLIED'],
  }),
}
