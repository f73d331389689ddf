import Taro from '@tarojs/taro'

export type SaveResult = { kind: 'downloaded' | 'opened' | 'copied'; filename: string }

/**
 * Hands a settlement CSV to the owner. h5: a file download through a Blob link. Mini-program: written to the
 * user data directory and opened with the document viewer (its menu can forward the file); when the viewer
 * refuses (CSV is not one of its formats on every device), the content is copied to the clipboard instead.
 */
export async function saveCsv(filename: string, csv: string): Promise<SaveResult> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = filename
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 30_000)
    return { kind: 'downloaded', filename }
  }
  try {
    const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
    await new Promise<void>((resolve, reject) => {
      Taro.getFileSystemManager().writeFile({ filePath, data: csv, encoding: 'utf8', success: () => resolve(), fail: reject })
    })
    await Taro.openDocument({ filePath, showMenu: true })
    return { kind: 'opened', filename }
  } catch {
    await Taro.setClipboardData({ data: csv })
    return { kind: 'copied', filename }
  }
}
