import { formatYuanFixedSigned } from '../money/format-yuan'

/** An amount of money in a CSV cell: integer fen of either sign, written as yuan with two decimals. */
export interface Yuan {
  fen: number
}
export const yuan = (fen: number): Yuan => ({ fen })

/**
 * A CSV cell meant for a spreadsheet: text, a count, an amount, or nothing. Only text can carry a formula, so only
 * text is neutralised; counts and amounts (negative ones too) stay plain numbers a spreadsheet can add up.
 */
export type CsvCell = string | number | Yuan | null

/** A text starting with one of these is run as a formula by Excel, WPS or Sheets (=, +, -, @, tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(v: CsvCell): string {
  if (v === null) return ''
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`a CSV number must be finite, got ${v}`)
    return String(v)
  }
  if (typeof v === 'object') return formatYuanFixedSigned(v.fen)
  const s = FORMULA_START.test(v) ? `'${v}` : v
  // RFC 4180: a cell with a quote, comma or line break is quoted, its quotes doubled.
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The whole file: a BOM (so Excel reads UTF-8 Chinese), CRLF line ends, a final line end. */
export function csvDocument(rows: readonly (readonly CsvCell[])[]): string {
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
