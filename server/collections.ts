/**
 * The collections the function runtime itself owns (the contexts' own are in cloudfunctions/<context>/collections.ts).
 * Every collection name lives in one of these files: server/setup creates exactly what they export.
 */
export const AUDIT_EVENTS = 'audit_events'
export const NOTIFICATIONS = 'notifications'
/** One-time subscriptions the user accepted (`${openid}:${kind}` → credits): WeChat allows one message per "allow". */
export const SUBSCRIPTIONS = 'message_subscriptions'
/** Answers the platform gave for a group's cloudID, kept past its five minutes (./platform/groups). */
export const GROUP_REFS = 'group_refs'
/** The live group cards (动态消息) of deals whose group forms: their activity ids (cloudfunctions/orders/group-card). */
export const GROUP_CARDS = 'group_cards'
