import { audit } from '../../server/audit'
import { GROUP_CARDS } from '../../server/collections'
import type { Ctx } from '../../server/context'
import { insertOnce, updatedCount } from '../../server/db'
import { createActivityId, setUpdatableMsg, type CardState } from '../../server/platform/updatable-message'
import { groupCardFacts } from '../deals/public'

/**
 * The live card (动态消息) of a forming group: every card shared for the deal carries an activity id, and WeChat
 * draws "成员正在加入，当前 x/y 人" under it from what setUpdatableMsg last said. x/y is the group's own count and
 * minimum (core/deals/counts), sent after every payment and refund while the group forms; when it succeeds the
 * cards flip to their final state once; when it fails they are left alone (WeChat has no "failed" state). An
 * activity id lives 24 h: every live one is updated, and the timer keeps a fresh one ready while the group forms.
 * A card that cannot be updated never holds up a payment or a refund: failures are logged and the next change retries.
 */
interface Activity {
  id: string
  expiresAt: Date
}

export interface GroupCardDoc {
  _id: string
  /** True while the group forms: the cards still move. */
  open: boolean
  activities: Activity[]
  /** When the timer should look again: the newest activity id is about to expire. */
  renewAt: Date
  updatedAt: Date
}

const HOUR = 3600 * 1000
/** A share needs an id that outlives the moment the card is opened: hand out only ids with this much left. */
const SERVE_MIN_LEFT = 2 * HOUR
/** The timer makes a new id this long before the newest expires. */
const RENEW_BEFORE = 4 * HOUR

export const dealCardPath = (dealId: string) => `pages/deal/index?id=${encodeURIComponent(dealId)}`

function cardStateOf(dealId: string, f: Awaited<ReturnType<typeof groupCardFacts>>): CardState | null {
  if (!f) return null
  if (f.status === 'forming') return { targetState: 0, memberCount: f.count, roomLimit: f.min }
  if (f.status === 'succeeded') return { targetState: 1, path: dealCardPath(dealId) }
  return null
}

const getCard = async (ctx: Ctx, dealId: string) => ((await ctx.db.collection(GROUP_CARDS).doc(dealId).get()).data[0] as GroupCardDoc | undefined) ?? null

const newest = (acts: Activity[]) => acts.reduce<Activity | null>((a, b) => (!a || +b.expiresAt > +a.expiresAt ? b : a), null)

/** A new activity id for the deal's cards, recorded and set to what the group shows now. */
async function addActivity(ctx: Ctx, dealId: string, state: CardState): Promise<Activity | null> {
  const made = await createActivityId()
  if (!made) return null
  const act = { id: made.activityId, expiresAt: new Date(made.expiresAt) }
  const now = new Date(ctx.now())
  const renewAt = new Date(made.expiresAt - RENEW_BEFORE)
  const first = await insertOnce(ctx.db, GROUP_CARDS, { _id: dealId, open: true, activities: [act], renewAt, updatedAt: now })
  if (!first) await ctx.db.collection(GROUP_CARDS).doc(dealId).update({ activities: ctx.db.command.push([act]), renewAt, updatedAt: now })
  await setUpdatableMsg(act.id, state)
  await audit(ctx, { entity: 'group_card', entityId: dealId, action: 'group_card.activity_created', detail: { activityId: act.id, expiresAt: made.expiresAt } })
  return act
}

/**
 * The activity id a share of the deal should carry now, and what its card says; null when the group is not forming
 * or the platform gave no id (the share goes out as a plain card).
 */
export async function groupCardFor(ctx: Ctx, dealId: string): Promise<{ activityId: string | null; memberCount: number; roomLimit: number } | null> {
  const facts = await groupCardFacts(ctx.db, dealId)
  const state = cardStateOf(dealId, facts)
  if (!facts || !state || state.targetState !== 0) return null
  const card = await getCard(ctx, dealId)
  let act = card?.open ? newest(card.activities) : null
  if (!act || +act.expiresAt - ctx.now() < SERVE_MIN_LEFT) act = card && !card.open ? null : await addActivity(ctx, dealId, state)
  return { activityId: act?.id ?? null, memberCount: facts.count, roomLimit: facts.min }
}

/**
 * Brings every live card of the deal to what its group shows (after a payment, a refund, a decision). Reads the
 * group again after sending and sends again if it moved meanwhile, so concurrent payments end on the last count.
 */
export async function syncGroupCard(ctx: Ctx, dealId: string): Promise<void> {
  try {
    for (let round = 0; round < 3; round++) {
      const card = await getCard(ctx, dealId)
      if (!card || !card.open) return
      const facts = await groupCardFacts(ctx.db, dealId)
      const state = cardStateOf(dealId, facts)
      if (!state) return close(ctx, dealId, 'group_card.stopped', { status: facts?.status ?? 'none' })
      const live = card.activities.filter((a) => +a.expiresAt > ctx.now())
      const outcomes = await Promise.all(live.map((a) => setUpdatableMsg(a.id, state)))
      // Ids past their 24 h (or that WeChat no longer knows) can never be updated again: drop them.
      const gone = [...card.activities.filter((a) => +a.expiresAt <= ctx.now()), ...live.filter((_a, i) => outcomes[i] === 'expired')].map((a) => a.id)
      if (gone.length) await ctx.db.collection(GROUP_CARDS).doc(dealId).update({ activities: ctx.db.command.pull({ id: ctx.db.command.in(gone) }), updatedAt: new Date(ctx.now()) })
      if (state.targetState === 1) return close(ctx, dealId, 'group_card.final', { activities: live.length })
      const again = await groupCardFacts(ctx.db, dealId)
      if (again && again.status === facts!.status && again.count === facts!.count) return
    }
  } catch (e) {
    console.warn(`[group card ${dealId}]`, e)
  }
}

/** open -> closed once (compare-and-set): the cards stop moving. */
async function close(ctx: Ctx, dealId: string, action: string, detail: Record<string, unknown>): Promise<void> {
  const moved = await updatedCount(ctx.db.collection(GROUP_CARDS).where({ _id: dealId, open: true }).update({ open: false, updatedAt: new Date(ctx.now()) }))
  if (moved === 1) await audit(ctx, { entity: 'group_card', entityId: dealId, action, from: 'open', to: 'closed', detail })
}

/** Timer: keeps a fresh activity id on the cards of forming groups, and closes the cards of decided ones. */
export async function renewGroupCards(ctx: Ctx): Promise<{ renewed: number; closed: number }> {
  const due = (await ctx.db.collection(GROUP_CARDS).where({ open: true, renewAt: ctx.db.command.lte(new Date(ctx.now())) }).limit(100).get()).data as GroupCardDoc[]
  const out = { renewed: 0, closed: 0 }
  for (const card of due) {
    const facts = await groupCardFacts(ctx.db, card._id)
    const state = cardStateOf(card._id, facts)
    if (!state || state.targetState === 1) {
      await syncGroupCard(ctx, card._id)
      out.closed++
      continue
    }
    if (await addActivity(ctx, card._id, state)) out.renewed++
    // Ids past their 24 h can no longer be updated: drop them.
    await ctx.db.collection(GROUP_CARDS).doc(card._id).update({ activities: ctx.db.command.pull({ expiresAt: ctx.db.command.lte(new Date(ctx.now())) }), updatedAt: new Date(ctx.now()) })
  }
  return out
}
