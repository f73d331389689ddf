import type { Action } from '../params'
import { addCollection } from './add-collection'
import { aggregateDocuments } from './aggregate-documents'
import { calculateDocument } from './calculate-document'
import { getDocument } from './get-document'
import { insertDocument } from './insert-document'
import { modifyAndReturnDoc } from './modify-and-return'
import { modifyDocument } from './modify-document'
import { refuseRealtime } from './realtime'
import { removeDocument } from './remove-document'
import { abortTransaction, commitTransaction, startTransaction } from './transaction'

/** Every database action @cloudbase/database 1.4.3 sends through node-sdk 3.18.3. */
export const ACTIONS: Readonly<Record<string, Action>> = {
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.aggregateDocuments': aggregateDocuments,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'database.addCollection': addCollection,
  'auth.wsWebSign': refuseRealtime,
}
