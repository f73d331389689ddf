/**
 * Reads a settlement export (shops.exportCsv) the way a spreadsheet does: RFC 4180 cells, a header row, fact rows,
 * a 合计 row. Amounts come back as fen, and only from cells a spreadsheet would take as numbers.
 */

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; lines end with CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const s = text.replace(/^\ufeff/, '')
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(cell), (cell = '')
    else if (ch === '\r' && s[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++
    else cell += ch
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row)
  return rows
}

/** What a spreadsheet takes as a number (a leading ' makes text of anything). */
export const isNumberCell = (s: string) => /^-?\d+(\.\d+)?$/.test(s)

export const AMOUNT_COLUMNS = ['收入(元)', '退款(元)', '净收入(元)', '核销金额(元)', '推广佣金(元)'] as const
type AmountColumn = (typeof AMOUNT_COLUMNS)[number]

export interface SettlementRow {
  cells: Record<string, string>
  fen: (column: AmountColumn) => number
}

export interface Settlement {
  header: string[]
  rows: SettlementRow[]
  total: SettlementRow
  /** Amount cells that are not empty and not numbers (should be none). */
  nonNumbers: string[]
}

const toFen = (s: string) => (s === '' ? 0 : Math.round(Number(s) * 100))

export function readSettlement(csv: string): Settlement {
  const [header, ...rest] = parseCsv(csv)
  const asRow = (cells: string[]): SettlementRow => {
    const byName = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))
    return { cells: byName, fen: (c) => toFen(byName[c]) }
  }
  const all = rest.filter((r) => !(r.length === 1 && r[0] === '') && r.length > 0).map(asRow)
  const total = all.find((r) => r.cells['类型'] === '合计')
  if (!total) throw new Error('no 合计 row in the settlement')
  const rows = all.filter((r) => r !== total)
  const nonNumbers = [...rows, total].flatMap((r) => AMOUNT_COLUMNS.map((c) => r.cells[c]).filter((v) => v !== '' && !isNumberCell(v)))
  return { header, rows, total, nonNumbers }
}

/** The sum of an amount column over the fact rows, in fen. */
export const columnFen = (s: Settlement, column: AmountColumn, rows = s.rows) => rows.reduce((a, r) => a + r.fen(column), 0)
