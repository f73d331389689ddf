import type { DealCard, DealDetail } from '@core/contracts/views'
import { saleStateOf } from '@core/deals/sale-state'
import type { ShopDoc } from '../shops/collections'
import { toShopBrief } from '../shops/public'
import { soldOf, leftOf } from '@core/deals/counts'
import { countFactsOf, groupCountOf, type DealDoc } from './collections'

const ms = (d: Date | number) => (d instanceof Date ? d.getTime() : d)

export function toDealCard(d: DealDoc, shop: ShopDoc | undefined, now: number): DealCard {
  const saleStart = ms(d.saleStart)
  const saleEnd = ms(d.saleEnd)
  const shopPaused = shop?.status === 'paused'
  return {
    id: d._id,
    shopId: d.shopId,
    shopName: shop?.name ?? '',
    title: d.title,
    cover: d.images[0] ?? '',
    priceFen: d.priceFen,
    originalPriceFen: d.originalPriceFen,
    sold: soldOf(countFactsOf(d)),
    stockLeft: leftOf(countFactsOf(d)),
    saleStart,
    saleEnd,
    saleState: saleStateOf({ status: shopPaused ? 'paused' : d.status, stock: d.stock, saleStart, saleEnd }, now),
    refundAnytime: true,
    refundOnExpiry: true,
    category: d.category ?? null,
    group:
      d.groupMin > 0 && d.groupStatus && d.groupStatus !== 'none' && d.groupDeadline
        ? { by: d.groupBy ?? 'units', min: d.groupMin, count: groupCountOf(d), deadline: ms(d.groupDeadline), status: d.groupStatus }
        : null,
  }
}

export function toDealDetail(d: DealDoc, shop: ShopDoc, now: number): DealDetail {
  return {
    ...toDealCard(d, shop, now),
    images: d.images,
    validStart: ms(d.validStart),
    validEnd: ms(d.validEnd),
    rules: d.rules,
    description: d.description,
    perUserLimit: d.perUserLimit,
    shop: toShopBrief(shop),
    serverTime: now,
  }
}
