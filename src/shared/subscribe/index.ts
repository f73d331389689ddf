// Subscribe-message consent (订阅消息), for any page: the deal page's pay button, the promoter centre's withdrawal.
export { requestSubscribe, prefetchMessageTemplates, forgetMessageTemplates, pickTemplates, MAX_TEMPLATES_PER_REQUEST } from './requestSubscribe'
export { sendPendingConsent } from './pendingConsent'
export { getMessageTemplates } from './api/getMessageTemplates'
export { subscribeMessages } from './api/subscribeMessages'
