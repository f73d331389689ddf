/** The live card (动态消息) a share of a forming group carries (orders.groupCard). */
export interface GroupCardView {
  /** For wx.updateShareMenu({ isUpdatableMessage: true, activityId }); null when the group is not forming or WeChat gave none. */
  activityId: string | null
  /** What the card says now: "成员正在加入，当前 memberCount/roomLimit 人" (the group's count and minimum). */
  memberCount: number
  roomLimit: number
  /** With the caller's own order: the WeChat group that order was placed from, its part of the deal (本群); else null. */
  chat: { buyers: number; units: number } | null
}
