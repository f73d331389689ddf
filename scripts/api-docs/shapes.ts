import path from 'node:path'
import ts from 'typescript'
import { docsProgram, ROOT } from './program'

/**
 * What an action answers in `data`, read from the output type its contract carries (`action<Output>()`), so the
 * documented shape is the type the handler is checked against, field by field, with the fields' doc comments.
 */
export type Shape =
  | { kind: 'primitive'; type: 'string' | 'number' | 'boolean' | 'null' | 'unknown'; alias?: string }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'array'; item: Shape }
  | { kind: 'union'; options: Shape[] }
  | { kind: 'object'; name?: string; fields: Field[] }

export interface Field {
  name: string
  optional: boolean
  doc: string
  shape: Shape
}

/** `fn.action` -> the shape of its success `data`. */
export function outputShapes(): Record<string, Shape> {
  const program = docsProgram()
  const checker = program.getTypeChecker()
  const sf = program.getSourceFile(path.join(ROOT, 'core/contracts/index.ts'))!
  const contractsSym = checker.getExportsOfModule(checker.getSymbolAtLocation(sf)!).find((s) => s.name === 'contracts')!
  const out: Record<string, Shape> = {}
  for (const fnSym of checker.getPropertiesOfType(checker.getTypeOfSymbol(contractsSym))) {
    for (const actionSym of checker.getPropertiesOfType(checker.getTypeOfSymbol(fnSym))) {
      const outputSym = checker.getTypeOfSymbol(actionSym).getProperty('__output')
      if (!outputSym) throw new Error(`${fnSym.name}.${actionSym.name}: no output type`)
      out[`${fnSym.name}.${actionSym.name}`] = new Expander(checker).expand(checker.getTypeOfSymbol(outputSym))
    }
  }
  return out
}

class Expander {
  private readonly stack = new Set<ts.Type>()
  constructor(private readonly checker: ts.TypeChecker) {}

  /** `node`: where the type is written (a field's declared type), for its units and the written order of its unions. */
  expand(t: ts.Type, alias?: string, node?: ts.TypeNode): Shape {
    const f = t.flags
    if (f & ts.TypeFlags.StringLiteral) return { kind: 'literal', value: (t as ts.StringLiteralType).value }
    if (f & ts.TypeFlags.NumberLiteral) return { kind: 'literal', value: (t as ts.NumberLiteralType).value }
    if (f & ts.TypeFlags.BooleanLiteral) return { kind: 'literal', value: this.checker.typeToString(t) === 'true' }
    if (f & ts.TypeFlags.String) return withAlias({ kind: 'primitive', type: 'string' }, alias)
    if (f & ts.TypeFlags.Number) return withAlias({ kind: 'primitive', type: 'number' }, alias)
    if (f & ts.TypeFlags.Null) return { kind: 'primitive', type: 'null' }
    // Optional fields and the phantom output are `T | undefined`: the union drops undefined.
    if (t.isUnion()) return this.union(t, alias, node)
    if (this.checker.isArrayType(t) || this.checker.isTupleType(t)) {
      const itemNode = node && ts.isArrayTypeNode(node) ? node.elementType : undefined
      return { kind: 'array', item: this.expand(this.checker.getTypeArguments(t as ts.TypeReference)[0], undefined, itemNode) }
    }
    if ((f & ts.TypeFlags.Object || t.isIntersection()) && !this.stack.has(t)) return this.object(t)
    return { kind: 'primitive', type: 'unknown' }
  }

  private union(t: ts.UnionType, alias?: string, node?: ts.TypeNode): Shape {
    const written = node ? this.writtenOrder(node) : []
    const aliasNode = t.aliasSymbol?.declarations?.find(ts.isTypeAliasDeclaration)?.type
    const order = written.length ? written : aliasNode ? this.writtenOrder(aliasNode) : []
    const rank = (m: ts.Type) => (order.includes(m) ? order.indexOf(m) : order.length)
    const members = t.types.filter((m) => !(m.flags & ts.TypeFlags.Undefined)).sort((a, b) => rank(a) - rank(b))
    const bools = members.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral)
    const options = members.filter((m) => !(m.flags & ts.TypeFlags.BooleanLiteral)).map((m) => this.expand(m, alias))
    // `boolean` is the union true | false: keep it one word.
    if (bools.length === 2) options.unshift({ kind: 'primitive', type: 'boolean' })
    else options.unshift(...bools.map((b) => this.expand(b)))
    // null last, as people write it (`Millis | null`).
    options.sort((a, b) => Number(isNull(a)) - Number(isNull(b)))
    return options.length === 1 ? options[0] : { kind: 'union', options }
  }

  /**
   * The members of a union in the order the source writes them (following aliases, and `(typeof LIST)[number]` of a
   * const list), so `'draft' | 'published' | ...` reads as declared rather than in the compiler's internal order.
   */
  private writtenOrder(node: ts.TypeNode, seen = new Set<ts.Node>()): ts.Type[] {
    if (seen.has(node)) return []
    seen.add(node)
    if (ts.isParenthesizedTypeNode(node)) return this.writtenOrder(node.type, seen)
    if (ts.isUnionTypeNode(node)) return node.types.flatMap((n) => this.writtenOrder(n, seen))
    if (ts.isIndexedAccessTypeNode(node)) {
      const list = this.checker.getTypeFromTypeNode(node.objectType)
      if (this.checker.isTupleType(list)) return [...this.checker.getTypeArguments(list as ts.TypeReference)]
    }
    const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isImportTypeNode(node) ? node.qualifier : undefined
    let sym = name && this.checker.getSymbolAtLocation(name)
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym)
    const aliasNode = sym ? sym.declarations?.find(ts.isTypeAliasDeclaration)?.type : undefined
    if (aliasNode) return this.writtenOrder(aliasNode, seen)
    const t = this.checker.getTypeFromTypeNode(node)
    return t.isUnion() ? [...t.types] : [t]
  }

  /** Fields of the bases first (an interface that extends another reads from the general to the particular). */
  private properties(t: ts.Type): ts.Symbol[] {
    const own = this.checker.getPropertiesOfType(t)
    const objectFlags = (t as ts.ObjectType).objectFlags ?? 0
    // Omit<>, Pick<> and the like: in the order their source declares the fields (bases are declared first).
    if (objectFlags & ts.ObjectFlags.Mapped) return [...own].sort((a, b) => declaredAt(a) - declaredAt(b))
    if (!(objectFlags & ts.ObjectFlags.ClassOrInterface)) return own
    const inherited = (this.checker.getBaseTypes(t as ts.InterfaceType) ?? []).flatMap((b) => this.properties(b).map((p) => p.name))
    const first = own.filter((p) => inherited.includes(p.name)).sort((a, b) => inherited.indexOf(a.name) - inherited.indexOf(b.name))
    return [...first, ...own.filter((p) => !inherited.includes(p.name))]
  }

  private object(t: ts.Type): Shape {
    this.stack.add(t)
    const fields = this.properties(t).map((p): Field => {
      const decl = p.valueDeclaration ?? p.declarations?.[0]
      const declared = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) ? decl.type : undefined
      return {
        name: p.name,
        optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
        doc: ts.displayPartsToString(p.getDocumentationComment(this.checker)).replace(/\s+/g, ' ').trim(),
        shape: this.expand(this.checker.getTypeOfSymbol(p), declared && this.scalarAlias(declared), declared),
      }
    })
    this.stack.delete(t)
    const name = t.aliasSymbol?.name ?? t.getSymbol()?.name
    return { kind: 'object', name: name && !name.startsWith('__') ? name : undefined, fields }
  }

  /** `Fen` or `Millis` where a field is declared with a named alias of number or string (the unit is the point). */
  private scalarAlias(node: ts.TypeNode): string | undefined {
    if (ts.isParenthesizedTypeNode(node)) return this.scalarAlias(node.type)
    if (ts.isUnionTypeNode(node)) return node.types.map((n) => this.scalarAlias(n)).find(Boolean)
    if (!ts.isTypeReferenceNode(node)) return undefined
    const t = this.checker.getTypeFromTypeNode(node)
    return t.flags & (ts.TypeFlags.Number | ts.TypeFlags.String) ? node.typeName.getText() : undefined
  }
}

const declaredAt = (p: ts.Symbol) => p.declarations?.[0]?.pos ?? Number.MAX_SAFE_INTEGER
const isNull = (s: Shape) => s.kind === 'primitive' && s.type === 'null'
const withAlias = (s: Shape & { kind: 'primitive' }, alias?: string): Shape => (alias ? { ...s, alias } : s)

/** The shape as TypeScript-like text, objects expanded over several lines with their fields' comments. */
export function renderShape(s: Shape, indent = ''): string {
  switch (s.kind) {
    case 'primitive':
      return s.alias ? `${s.type} (${s.alias})` : s.type
    case 'literal':
      return JSON.stringify(s.value)
    case 'array': {
      const inner = renderShape(s.item, indent)
      return s.item.kind === 'union' && !inner.startsWith('(') ? `(${inner})[]` : `${inner}[]`
    }
    case 'union':
      if (s.options.some((o) => o.kind === 'object' || (o.kind === 'array' && o.item.kind === 'object'))) {
        const next = indent + '  '
        return `(\n${s.options.map((o) => `${next}| ${renderShape(o, next + '  ')}`).join('\n')}\n${indent})`
      }
      return s.options.map((o) => renderShape(o, indent)).join(' | ')
    case 'object': {
      if (s.fields.length === 0) return '{}'
      const next = indent + '  '
      const lines = [`{${s.name ? ` // ${s.name}` : ''}`]
      for (const f of s.fields) {
        if (f.doc) lines.push(`${next}// ${f.doc}`)
        lines.push(`${next}${f.name}${f.optional ? '?' : ''}: ${renderShape(f.shape, next)}`)
      }
      lines.push(`${indent}}`)
      return lines.join('\n')
    }
  }
}

/**
 * Where `value` departs from the shape: a missing field, a field the shape does not have, a wrong type, a value
 * outside a literal union. Empty when it conforms. Used to hold real answers to the documented shapes.
 */
export function shapeProblems(value: unknown, s: Shape, at = 'data'): string[] {
  switch (s.kind) {
    case 'primitive':
      if (s.type === 'unknown') return []
      if (s.type === 'null') return value === null ? [] : [`${at}: expected null, got ${show(value)}`]
      return typeof value === s.type ? [] : [`${at}: expected ${s.type}, got ${show(value)}`]
    case 'literal':
      return value === s.value ? [] : [`${at}: expected ${JSON.stringify(s.value)}, got ${show(value)}`]
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected an array, got ${show(value)}`]
      return value.flatMap((v, i) => shapeProblems(v, s.item, `${at}[${i}]`))
    case 'union': {
      const each = s.options.map((o) => shapeProblems(value, o, at))
      if (each.some((p) => p.length === 0)) return []
      return [`${at}: matches none of ${s.options.length} options (${each.map((p) => p[0]).join('; ')})`]
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected an object, got ${show(value)}`]
      const v = value as Record<string, unknown>
      const known = new Set(s.fields.map((f) => f.name))
      const problems = Object.keys(v)
        .filter((k) => !known.has(k))
        .map((k) => `${at}.${k}: not documented`)
      for (const f of s.fields) {
        if (!(f.name in v) || v[f.name] === undefined) {
          if (!f.optional) problems.push(`${at}.${f.name}: missing`)
          continue
        }
        problems.push(...shapeProblems(v[f.name], f.shape, `${at}.${f.name}`))
      }
      return problems
    }
  }
}

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v)?.slice(0, 60))
