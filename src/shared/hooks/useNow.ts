import { useEffect, useState } from 'react'

/**
 * The time a countdown shows, ticking each second while `active`: the device clock moved by `skew` (the server's
 * clock minus the device's). Components take the `now` this gives as a prop, so tests pass the time they choose.
 */
export function useNow(skew: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now() + skew)
  useEffect(() => {
    if (!active) return undefined
    setNow(Date.now() + skew)
    const t = setInterval(() => setNow(Date.now() + skew), 1000)
    return () => clearInterval(t)
  }, [skew, active])
  return now
}
