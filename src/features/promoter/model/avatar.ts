import { mediaUrl } from '@/shared/api/media'
import { isLocalMode } from '@/shared/config/build'

/**
 * The promoter's avatar. WeChat gives no avatar without the user choosing one (chooseAvatar), and the promoters
 * function stores none yet: locally the demo avatar, in production null (an initial in a circle instead).
 */
export function promoterAvatar(): string | null {
  return isLocalMode() ? mediaUrl('/files/demo/avatar-1.svg') : null
}

/** The first character of a name, for the avatar circle ("王姐" -> "王"). */
export function initialOf(name: string): string {
  return Array.from(name.trim())[0] ?? '推'
}
