export { callFunction, chooseLocalPersona, confirmLocalPayment, forgetLocalIdentity, getLocalPersonas, localOpenid, previewLocalPayment } from './call'
export { ApiError, toApiError } from './errors'
export { getStoredOpenid, type Persona } from './identity'
export { mediaUrl } from './media'
