import type * as v from 'valibot'

/** A valibot schema as the docs read it (the parts of its runtime object they need). */
type Node = v.GenericSchema & {
  type: string
  entries?: Record<string, Node>
  wrapped?: Node
  item?: Node
  options?: unknown[]
  pipe?: { type: string; kind: string; requirement?: unknown }[]
  default?: unknown
}

/** The pipe's checks and transformations, compactly: `trim, min_length(1), max_length(64), /^[0-9]+$/`. */
function checks(s: Node): string[] {
  return (s.pipe ?? [])
    .filter((p) => p.kind === 'validation' || p.kind === 'transformation')
    .map((p) =>
      p.requirement instanceof RegExp
        ? `/${p.requirement.source}/`
        : p.requirement !== undefined && typeof p.requirement !== 'function'
          ? `${p.type}(${String(p.requirement)})`
          : p.type,
    )
}

/** A field's type on one line (objects expand over several), and what its pipe checks, for a trailing comment. */
function typeOf(s: Node, indent: string): { text: string; note: string[] } {
  switch (s.type) {
    case 'optional':
    case 'nullish': {
      const inner = typeOf(s.wrapped!, indent)
      const dflt = s.default !== undefined && typeof s.default !== 'function' ? [`default ${JSON.stringify(s.default)}`] : []
      return { text: s.type === 'nullish' ? `${inner.text} | null` : inner.text, note: [...inner.note, ...dflt] }
    }
    case 'nullable': {
      const inner = typeOf(s.wrapped!, indent)
      return { text: `${inner.text} | null`, note: inner.note }
    }
    case 'array': {
      const item = typeOf(s.item!, indent)
      const own = checks(s)
      const each = item.note.length ? [`each ${item.note.join(', ')}`] : []
      return { text: item.text.includes('|') ? `(${item.text})[]` : `${item.text}[]`, note: [...each, ...(own.length ? [`array ${own.join(', ')}`] : [])] }
    }
    case 'picklist':
      return { text: (s.options ?? []).map((o) => JSON.stringify(o)).join(' | '), note: checks(s) }
    case 'strict_object':
    case 'object':
    case 'loose_object':
      return { text: renderInput(s, indent), note: [] }
    default:
      return { text: s.type, note: checks(s) }
  }
}

const isOptional = (s: Node) => s.type === 'optional' || s.type === 'nullish'

/**
 * An input schema as TypeScript-like text: one field a line, `?` for optional fields, nested objects expanded,
 * and each field's checks (and default) in a comment. Objects that are not strict say that unknown fields are dropped.
 */
export function renderInput(schema: v.GenericSchema, indent = ''): string {
  const s = schema as Node
  if (!s.entries) return typeOf(s, indent).text
  const fields = Object.entries(s.entries)
  const head = s.type === 'strict_object' ? '{' : `{ // ${s.type === 'loose_object' ? 'unknown fields kept' : 'unknown fields dropped'}`
  if (fields.length === 0) return s.type === 'strict_object' ? '{}' : `${head}\n${indent}}`
  const next = indent + '  '
  const lines = [head]
  for (const [name, field] of fields) {
    const t = typeOf(field, next)
    lines.push(`${next}${name}${isOptional(field) ? '?' : ''}: ${t.text}${t.note.length ? `  // ${t.note.join('; ')}` : ''}`)
  }
  lines.push(`${indent}}`)
  return lines.join('\n')
}
