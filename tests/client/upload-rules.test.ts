import { cloudPathFor, imageExtOf, moveToFront, removeAt, roomFor, sniffImage, uploadProblem } from '@/shared/upload/rules'

const bytes = (...xs: (number | string)[]) =>
  Uint8Array.from(xs.flatMap((x) => (typeof x === 'string' ? Array.from(x, (c) => c.charCodeAt(0)) : [x])))

describe('upload rules', () => {
  it('reads the type from the bytes: JPEG, PNG, WebP; nothing else', () => {
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('jpg')
    expect(sniffImage(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe('png')
    expect(sniffImage(bytes('RIFF', 1, 2, 3, 4, 'WEBPVP8 ', 0))).toBe('webp')
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull()
    expect(sniffImage(bytes('GIF89a', 1, 0, 1, 0))).toBeNull()
    expect(sniffImage(bytes(0x89, 'PN'))).toBeNull()
    expect(sniffImage(new Uint8Array(0))).toBeNull()
  })

  it('reads the type from a MIME type or a path, refusing SVG', () => {
    expect(imageExtOf('image/jpeg')).toBe('jpg')
    expect(imageExtOf('image/webp')).toBe('webp')
    expect(imageExtOf('wxfile://tmp_abc.JPEG')).toBe('jpg')
    expect(imageExtOf('http://tmp/a.png?x=1')).toBe('png')
    expect(imageExtOf('image/svg+xml')).toBeNull()
    expect(imageExtOf('logo.svg')).toBeNull()
    expect(imageExtOf('blob:http://localhost/1')).toBeNull()
  })

  it('checks type and size before uploading', () => {
    expect(uploadProblem({ size: 1000, ext: 'png' })).toBeNull()
    expect(uploadProblem({ size: 2 * 1024 * 1024, ext: 'jpg' })).toBeNull()
    expect(uploadProblem({ size: 2 * 1024 * 1024 + 1, ext: 'jpg' })).toBe('IMAGE_TOO_LARGE')
    expect(uploadProblem({ size: 1000, ext: null })).toBe('IMAGE_TYPE_UNSUPPORTED')
    expect(uploadProblem({ size: 0, ext: 'png' })).toBe('IMAGE_TYPE_UNSUPPORTED')
  })

  it('names cloud files uploads/<China month>/<random>.<ext>', () => {
    // 2026-11-30 20:00 UTC is already December in China.
    expect(cloudPathFor(Date.UTC(2026, 10, 30, 20), 'jpg', 'k3j4h5g6f7d8s9a0')).toBe('uploads/202612/k3j4h5g6f7d8s9a0.jpg')
    expect(cloudPathFor(Date.UTC(2026, 0, 1, 0), 'png', '../../x')).toBe('uploads/202601/x.png')
  })

  it('orders the list: move to the front (cover), remove, room left', () => {
    expect(moveToFront(['a', 'b', 'c'], 2)).toEqual(['c', 'a', 'b'])
    expect(moveToFront(['a', 'b'], 0)).toEqual(['a', 'b'])
    expect(moveToFront(['a', 'b'], 5)).toEqual(['a', 'b'])
    expect(removeAt(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
    expect(roomFor(9, 7, 1)).toBe(1)
    expect(roomFor(3, 3, 1)).toBe(0)
  })
})
