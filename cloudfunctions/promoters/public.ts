import type { Db } from '../../server/platform/cloudbase'

/** The promoters context owns `promoters` (one document per promoter, `_id` = openid). */
export const PROMOTERS = 'promoters'

export async function isPromoter(db: Db, openid: string): Promise<boolean> {
  const res = await db.collection(PROMOTERS).doc(openid).get()
  return (res.data as unknown[]).length > 0
}
