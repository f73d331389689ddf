// 拼团 growth: the invite on a forming group's deal page and on a 拼团中 order, and the card it shares.
export { GroupInvite, type InviteCard } from './components/GroupInvite'
export { GroupSection } from './components/GroupSection'
export { OrderGroupInvite } from './components/OrderGroupInvite'
export { useInviteShare } from './model/useInviteShare'
export { chatLine, deadlineLine, inviteTitle, missingOf, progressLine, type ChatProgress } from './model/invite'
