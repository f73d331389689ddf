import fc from 'fast-check'
import { imageLine, MAX_DESCRIPTION_IMAGES, parseDescription } from './description'

describe('deal description', () => {
  it('reads headings, lists, pictures and paragraphs as a shop types them', () => {
    const text = ['【套餐内容】', '- 拿铁 2 杯', '· 蛋糕任选 1 份', '', '适合 2 人，', '周末也可用。', '', imageLine('cloud://env.bucket/uploads/202611/a.jpg'), '## 门店特色', '落地窗，安静。'].join('\n')
    expect(parseDescription(text)).toEqual([
      { kind: 'heading', text: '套餐内容' },
      { kind: 'list', items: ['拿铁 2 杯', '蛋糕任选 1 份'] },
      { kind: 'paragraph', text: '适合 2 人，\n周末也可用。' },
      { kind: 'image', src: 'cloud://env.bucket/uploads/202611/a.jpg' },
      { kind: 'heading', text: '门店特色' },
      { kind: 'paragraph', text: '落地窗，安静。' },
    ])
  })

  it('never turns markup or foreign links into anything but text', () => {
    expect(parseDescription('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'paragraph', text: '<img src=x onerror=alert(1)>' }])
    expect(parseDescription('![](javascript:alert(1))')).toEqual([{ kind: 'paragraph', text: '![](javascript:alert(1))' }])
    expect(parseDescription('![](http://evil.example/x.png)')).toEqual([{ kind: 'paragraph', text: '![](http://evil.example/x.png)' }])
    expect(parseDescription('')).toEqual([])
  })

  it(`keeps at most ${MAX_DESCRIPTION_IMAGES} pictures`, () => {
    const text = Array.from({ length: 30 }, (_, i) => imageLine(`/files/uploads/${i}.png`)).join('\n')
    expect(parseDescription(text).filter((b) => b.kind === 'image')).toHaveLength(MAX_DESCRIPTION_IMAGES)
  })

  it('loses no typed character of ordinary text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9\u4e00-\u4e0f，。 ]{1,12}$/), { maxLength: 20 }), (lines) => {
        const blocks = parseDescription(lines.join('\n'))
        const out = blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n').replace(/\s/g, '')
        expect(out).toBe(lines.join('').replace(/\s/g, ''))
      }),
    )
  })
})
