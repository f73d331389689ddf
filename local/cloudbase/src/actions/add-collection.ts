import { Codes, DbError } from '../errors'
import type { ActionContext, ActionReply } from '../params'
import { collectionName } from '../params'

/** `database.addCollection` (db.createCollection): fails if it exists, like TCB. Writes also create collections. */
export async function addCollection({ engine, params }: ActionContext): Promise<ActionReply> {
  const c = collectionName(params)
  if (engine.store.hasCollection(c)) throw new DbError(Codes.COLLECTION_ALREADY_EXIST, `collection ${c} already exists`)
  await engine.commit([{ op: 'coll', c }], false)
  return {}
}
