import * as v from 'valibot'
import { action } from './action'
import { Cursor, Id, PageLimit } from './common'
import type { DealCard, DealDetail } from './views'

export const dealsContract = {
  list: action<{ items: DealCard[]; nextCursor: string | null }>()({
    input: v.strictObject({
      limit: PageLimit,
      cursor: Cursor,
      shopId: v.optional(Id),
    }),
    roles: ['anyone'],
    summary: 'Published deals, newest first (home page and shop page).',
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
}
