import type { Engine } from './engine'
import { Codes, DbError } from './errors'
import { collectionName } from './params'
import type { Doc } from './values'

/**
 * TCB's answer to any read or write on a collection that was never created. Its message does not name the
 * collection (wx-server-sdk shows it as `errCode: -502005 database collection not exists | errMsg: ...`).
 */
export const COLLECTION_NOT_EXIST_MESSAGE =
  '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.'

/** TCB's message when db.createCollection names one that exists. */
export const COLLECTION_ALREADY_EXIST_MESSAGE = '[ResourceUnavailable.ResourceExist] Table exist.'

/** The actions that read or write a collection's documents (the others create one, or name none). */
const ON_DOCUMENTS = new Set([
  'database.getDocument',
  'database.calculateDocument',
  'database.insertDocument',
  'database.modifyDocument',
  'database.removeDocument',
  'database.modifyAndReturnDoc',
  'database.aggregateDocuments',
])

/**
 * TCB never creates a collection on a write: it has to be created first (db.createCollection or the console), so a
 * fresh environment that skipped that step fails on its first read or write. This server does the same, inside
 * transactions too, so the setup step (server/setup) is exercised on every local start and test.
 */
export function requireCollection(engine: Engine, action: string, params: Doc): void {
  if (!ON_DOCUMENTS.has(action)) return
  if (!engine.store.hasCollection(collectionName(params))) throw new DbError(Codes.COLLECTION_NOT_EXIST, COLLECTION_NOT_EXIST_MESSAGE)
}
