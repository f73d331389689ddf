import fc from 'fast-check'
import { csvCell, csvDocument, yuan } from './csv'

describe('CSV cells', () => {
  it('text that a spreadsheet would run as a formula is neutralised', () => {
    for (const s of ['=1+1', '+86 138', '-68.00', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(s)).toMatch(/^"?'/)
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('双人下午茶')).toBe('双人下午茶')
  })

  it('numbers and amounts stay numbers, negative ones too', () => {
    expect(csvCell(-68)).toBe('-68')
    expect(csvCell(2)).toBe('2')
    expect(csvCell(yuan(-6800))).toBe('-68.00')
    expect(csvCell(yuan(45_940))).toBe('459.40')
    expect(csvCell(yuan(0))).toBe('0.00')
    expect(csvCell(null)).toBe('')
    expect(() => csvCell(Number.NaN)).toThrow(RangeError)
    expect(() => csvCell(yuan(0.5))).toThrow(RangeError)
  })

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('拿铁, 大杯')).toBe('"拿铁, 大杯"')
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"')
  })

  it('any amount reads back as the same number of fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (fen) => {
        const text = csvCell(yuan(fen))
        expect(text).toMatch(/^-?\d+\.\d{2}$/)
        expect(Math.round(Number(text) * 100)).toBe(fen)
      }),
    )
  })

  it('a document starts with a BOM and ends every line with CRLF', () => {
    expect(csvDocument([['a', 1], [], [null, yuan(-1)]])).toBe('\ufeffa,1\r\n\r\n,-0.01\r\n')
  })
})
