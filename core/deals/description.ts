/**
 * A deal's 团购详情 as the shop writes it on a phone: plain text with a few marks anyone can type — a line
 * "## 小标题" (or "【小标题】") is a heading, lines starting "- " or "· " are a list, a line "![](image)" is a
 * picture (an uploaded image reference only), blank lines separate paragraphs. Nothing else is interpreted, so
 * what the shop typed is what the buyer reads; no HTML ever reaches the page.
 */
export type DescriptionBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'image'; src: string }

/** Pictures inside one description, at most. */
export const MAX_DESCRIPTION_IMAGES = 20

const IMAGE = /^!\[[^\]]{0,40}\]\(((?:\/files\/|cloud:\/\/|https:\/\/)[^)\s]{1,500})\)$/
const HEADING = /^(?:#{1,3}\s+(.+)|【([^】]{1,30})】)$/
const ITEM = /^(?:[-·•*]\s+)(.+)$/

export function parseDescription(text: string): DescriptionBlock[] {
  const blocks: DescriptionBlock[] = []
  let para: string[] = []
  let list: string[] = []
  let images = 0
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: para.join('\n') })
    if (list.length) blocks.push({ kind: 'list', items: list })
    para = []
    list = []
  }
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (line === '') {
      flush()
      continue
    }
    const image = IMAGE.exec(line)
    if (image) {
      flush()
      if (images++ < MAX_DESCRIPTION_IMAGES) blocks.push({ kind: 'image', src: image[1] })
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      flush()
      blocks.push({ kind: 'heading', text: (heading[1] ?? heading[2]).trim() })
      continue
    }
    const item = ITEM.exec(line)
    if (item) {
      if (para.length) flush()
      list.push(item[1].trim())
      continue
    }
    if (list.length) flush()
    para.push(line)
  }
  flush()
  return blocks
}

/** The line the editor inserts for an uploaded picture. */
export const imageLine = (src: string) => `![](${src})`
