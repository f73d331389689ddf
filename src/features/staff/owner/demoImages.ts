/**
 * Images an owner can also choose in the local demo (served by the gateway at /files/demo/), beside uploading
 * photos (src/shared/upload). Production builds only upload (`cloud://` file ids).
 */
export const DEMO_IMAGES = [
  '/files/demo/coffee-1.svg',
  '/files/demo/coffee-2.svg',
  '/files/demo/latte-1.svg',
  '/files/demo/latte-2.svg',
  '/files/demo/dessert-1.svg',
  '/files/demo/dessert-2.svg',
  '/files/demo/hotpot-1.svg',
  '/files/demo/hotpot-2.svg',
  '/files/demo/skewers-1.svg',
  '/files/demo/skewers-2.svg',
  '/files/demo/shop-coffee.svg',
  '/files/demo/shop-hotpot.svg',
]
