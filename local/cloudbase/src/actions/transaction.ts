import { transactionNotExist } from '../errors'
import type { ActionContext, ActionReply } from '../params'

/** `database.startTransaction`: the SDK reads `transactionId` at the top level of the reply. */
export async function startTransaction({ engine }: ActionContext): Promise<ActionReply> {
  engine.checkAvailable()
  return { transactionId: engine.txm.begin().id }
}

/** `database.commitTransaction`: all staged writes become one journal record, durable before the reply. */
export async function commitTransaction({ engine, params }: ActionContext): Promise<ActionReply> {
  await engine.commitTx(engine.txm.get(params.transactionId))
  return {}
}

/**
 * `database.abortTransaction` (rollback). Aborting one the server already ended (conflict, timeout) succeeds,
 * since its writes are gone either way; only a committed or unknown one is an error.
 */
export async function abortTransaction({ engine, params }: ActionContext): Promise<ActionReply> {
  const id = params.transactionId
  const ended = typeof id === 'string' ? engine.txm.endedReason(id) : undefined
  if (ended === 'committed') throw transactionNotExist(`transaction ${String(id)} is no longer open: committed`)
  if (ended === undefined) engine.txm.end(engine.txm.get(id), 'aborted by the client')
  return {}
}
