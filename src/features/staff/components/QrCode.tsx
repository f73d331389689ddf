import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { qrRows } from '../model/qr'
import './staff.css'

/**
 * A QR code drawn with Views: one View per dark run of a row, positioned in percent of the symbol, with a quiet
 * zone of 4 modules around it. Same rendering on weapp and h5, no canvas. Runs overlap the next row by a hair so
 * sub-pixel rounding never leaves white lines between rows.
 */
export function QrCode({ text }: { text: string }) {
  const { size, rows } = useMemo(() => qrRows(text), [text])
  const total = size + 8
  const pct = (n: number) => `${(n / total) * 100}%`
  return (
    <View className='st-qr' data-size={size}>
      {rows.map((row, y) =>
        row.map(([x, len]) => (
          <View key={`${y}-${x}`} className='st-qr__run' style={{ left: pct(x + 4), top: pct(y + 4), width: pct(len), height: pct(1.06) }} />
        )),
      )}
    </View>
  )
}
