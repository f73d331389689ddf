import { idKey, type DocId } from './ids'
import { IndexSet, type DocSource, type IndexList } from './indexes'
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
  /** Per collection: idKey → position in natural order (assigned when the key enters the collection). */
  private readonly ords = new Map<string, Map<string, number>>()
  private nextOrd = 0
  /** Secondary indexes, kept in step with every change below (the only path that changes committed state). */
  readonly indexes: IndexSet
  seq = 0

  constructor(indexes: IndexList = {}) {
    this.indexes = new IndexSet(indexes)
  }

  /** What the index planner reads of one collection. */
  source(c: string): DocSource {
    const coll = this.colls.get(c)
    const ords = this.ords.get(c)
    return {
      get: (key) => coll?.get(key),
      ord: (key) => ords?.get(key) ?? Number.MAX_SAFE_INTEGER,
      size: () => coll?.size ?? 0,
    }
  }

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
      const idx = this.indexes.of(o.c)
      const old = coll.get(key)
      if (old) idx?.remove(key, old)
      if (o.op === 'put') {
        coll.set(key, o.doc)
        idx?.add(key, o.doc)
        if (!old) this.ordsOf(o.c).set(key, this.nextOrd++)
      } else if (old) {
        coll.delete(key)
        this.ordsOf(o.c).delete(key)
      }
      this.versions.set(versionKey(o.c, key), { seq, byTx })
    }
  }

  private ordsOf(c: string): Map<string, number> {
    let m = this.ords.get(c)
    if (!m) {
      m = new Map()
      this.ords.set(c, m)
    }
    return m
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
