import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { cloudbaserc } from '../../scripts/build-functions'
import { FUNCTIONS } from '../../cloudfunctions/manifest'

const root = path.resolve(__dirname, '../..')

describe('function manifest', () => {
  it('lists every function folder, and every folder is deployed', () => {
    const folders = readdirSync(path.join(root, 'cloudfunctions')).filter((f) => statSync(path.join(root, 'cloudfunctions', f)).isDirectory())
    const withIndex = folders.filter((f) => {
      try {
        return statSync(path.join(root, 'cloudfunctions', f, 'index.ts')).isFile()
      } catch {
        return false
      }
    })
    expect(FUNCTIONS.map((f) => f.name).sort()).toEqual(withIndex.sort())
  })

  it('committed cloudbaserc.json matches the manifest (regenerate: npm run build:functions)', () => {
    expect(JSON.parse(readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'))).toEqual(cloudbaserc())
  })

})
