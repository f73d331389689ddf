import { COLLECTION_ALREADY_EXIST_MESSAGE } from '../collection-exists'
import { Codes, DbError } from '../errors'
import type { ActionContext, ActionReply } from '../params'
import { collectionName } from '../params'

/** `database.addCollection` (db.createCollection): the only way a collection comes to exist; fails if it exists, like TCB. */
export async function addCollection({ engine, params }: ActionContext): Promise<ActionReply> {
  const c = collectionName(params)
  if (engine.store.hasCollection(c)) throw new DbError(Codes.COLLECTION_ALREADY_EXIST, COLLECTION_ALREADY_EXIST_MESSAGE)
  await engine.commit([{ op: 'coll', c }], false)
  return {}
}
