import { idKey, type DocId } from './ids'
import type { Doc } from './values'

/** One journal record's worth of changes; also the unit a snapshot is made of. */
export type WriteOp =
  | { op: 'put'; c: string; doc: Doc }
  | { op: 'del'; c: string; id: DocId }
  | { op: 'coll'; c: string }

interface Version {
  seq: number
  /** Whether a committed transaction (rather than a plain write) made this version; used in conflict hints. */
  byTx: boolean
}

/**
 * Committed state: one insertion-ordered Map per collection (natural order = insertion order, as in MongoDB).
 * Versions are kept for every key ever written since start (deletions too) so a transaction can tell that a
 * document it read has changed or appeared since.
 */
export class Store {
  private readonly colls = new Map<string, Map<string, Doc>>()
  private readonly versions = new Map<string, Version>()
  seq = 0

  hasCollection(c: string): boolean {
    return this.colls.has(c)
  }

  collectionNames(): string[] {
    return [...this.colls.keys()]
  }

  get(c: string, key: string): Doc | undefined {
    return this.colls.get(c)?.get(key)
  }

  /** Entries as [idKey, doc]; a missing collection reads as empty. */
  entries(c: string): IterableIterator<[string, Doc]> {
    return (this.colls.get(c) ?? new Map<string, Doc>()).entries()
  }

  docs(c: string): Doc[] {
    return [...(this.colls.get(c)?.values() ?? [])]
  }

  size(c: string): number {
    return this.colls.get(c)?.size ?? 0
  }

  version(c: string, key: string): Version | undefined {
    return this.versions.get(versionKey(c, key))
  }

  apply(ops: readonly WriteOp[], seq: number, byTx: boolean): void {
    this.seq = Math.max(this.seq, seq)
    for (const o of ops) {
      const coll = this.ensure(o.c)
      if (o.op === 'coll') continue
      const key = idKey(o.op === 'put' ? (o.doc._id as DocId) : o.id)
      if (o.op === 'put') coll.set(key, o.doc)
      else coll.delete(key)
      this.versions.set(versionKey(o.c, key), { seq, byTx })
    }
  }

  private ensure(c: string): Map<string, Doc> {
    let coll = this.colls.get(c)
    if (!coll) {
      coll = new Map()
      this.colls.set(c, coll)
    }
    return coll
  }
}

export function versionKey(c: string, key: string): string {
  return `${c}\u0000${key}`
}
