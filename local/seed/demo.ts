import type { Db } from '../../server/platform/cloudbase'
import { DEALS, type DealDoc } from '../../cloudfunctions/deals/collections'
import { geoOf, memberId, SHOP_MEMBERS, SHOPS, type MemberDoc, type ShopDoc } from '../../cloudfunctions/shops/collections'
import { PROMOTERS } from '../../cloudfunctions/promoters/public'
import { RATE_LIMITS } from '../../cloudfunctions/redemption/collections'
import { budgetId } from '../../cloudfunctions/redemption/rate-limit'
import { openidOf, OWNER_B, STAFF_B } from './personas'

const DAY = 24 * 3600 * 1000
const img = (name: string) => `/files/demo/${name}.svg`

/** Demo data relative to `now`, so a fresh `npm start` always shows deals on sale. */
export function demoData(now: number) {
  const at = (days: number) => new Date(now + days * DAY)
  const shops: ShopDoc[] = [
    {
      _id: 'shop_shiguang',
      name: '拾光咖啡（万象城店）',
      address: '深圳市南山区深南大道 9668 号万象城 L2-218',
      phone: '0755-86001234',
      location: { lat: 22.5186, lng: 113.9497 },
      geo: geoOf({ lat: 22.5186, lng: 113.9497 }),
      hours: '周一至周日 09:00-22:00',
      ownerOpenid: openidOf('owner'),
      status: 'active',
      createdAt: at(-90),
    },
    {
      _id: 'shop_shuxiang',
      name: '蜀香老火锅（科技园店）',
      address: '深圳市南山区科苑路 15 号科兴科学园 B 座 1 楼',
      phone: '0755-86665678',
      location: { lat: 22.5431, lng: 113.9436 },
      geo: geoOf({ lat: 22.5431, lng: 113.9436 }),
      hours: '每天 11:00-次日 02:00',
      ownerOpenid: OWNER_B,
      status: 'active',
      createdAt: at(-60),
    },
  ]
  const member = (shopId: string, openid: string, role: MemberDoc['role'], name: string, days: number): MemberDoc => ({
    _id: memberId(shopId, openid),
    shopId,
    openid,
    role,
    name,
    createdAt: at(days),
  })
  const members: MemberDoc[] = [
    member('shop_shiguang', openidOf('owner'), 'owner', '陈店长', -90),
    member('shop_shiguang', openidOf('staff'), 'staff', '店员小周', -80),
    member('shop_shuxiang', OWNER_B, 'owner', '刘老板', -60),
    member('shop_shuxiang', STAFF_B, 'staff', '店员阿杰', -50),
  ]
  const deal = (d: Partial<DealDoc> & Pick<DealDoc, '_id' | 'shopId' | 'title' | 'priceFen' | 'originalPriceFen' | 'stock'>, createdDaysAgo: number): DealDoc => ({
    images: [],
    sold: 0,
    perUserLimit: 5,
    saleStart: at(-createdDaysAgo),
    saleEnd: at(14),
    validStart: at(-createdDaysAgo),
    validEnd: at(45),
    rules: ['周末及法定节假日通用', '无需预约，到店出示券码即可', '不与店内其他优惠同享'],
    description: '',
    commissionBps: 800,
    groupMin: 0,
    groupDeadline: null,
    groupStatus: 'none',
    groupUnits: 0,
    holds: {},
    holdCount: 0,
    status: 'published',
    createdAt: at(-createdDaysAgo),
    updatedAt: at(-createdDaysAgo),
    ...d,
  })
  const deals: DealDoc[] = [
    deal({
      _id: 'deal_tea_for_two', category: 'drinks', shopId: 'shop_shiguang', title: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份',
      images: [img('coffee-1'), img('coffee-2')], priceFen: 6800, originalPriceFen: 12800, stock: 200,
      description: '【套餐内容】\n- 招牌拿铁 2 杯（热/冰可选，燕麦奶可换）\n- 当日蛋糕任选 1 份\n\n适合两人下午小坐，靠窗座位先到先得。\n\n![](/files/demo/coffee-2.svg)\n\n【温馨提示】\n- 周末 14:00-17:00 人多，建议错峰\n- 可打包带走',
      rules: ['每张券限 2 人使用', '周末及法定节假日通用', '无需预约，到店出示券码即可', '不与店内其他优惠同享'],
    }, 5),
    deal({
      _id: 'deal_latte', category: 'drinks', shopId: 'shop_shiguang', title: '单人拿铁券｜招牌燕麦拿铁一杯',
      images: [img('latte-1'), img('latte-2')], priceFen: 1990, originalPriceFen: 3200, stock: 500, perUserLimit: 10,
      description: '选用云南保山咖啡豆现磨，燕麦奶可换全脂牛奶。',
    }, 4),
    deal({
      _id: 'deal_hotpot_4', category: 'food', shopId: 'shop_shuxiang', title: '4人火锅套餐｜鸳鸯锅底 + 招牌毛肚 + 12 道菜',
      images: [img('hotpot-1'), img('hotpot-2')], priceFen: 29800, originalPriceFen: 46800, stock: 60, perUserLimit: 2,
      description: '【套餐内容】\n- 鸳鸯锅底 1 份\n- 招牌鲜毛肚、雪花肥牛、虾滑等 12 道菜品\n\n建议 4 人使用。满 20 份成团，未成团全额自动退款。',
      groupMin: 20, groupDeadline: at(3), groupStatus: 'forming',
      rules: ['建议 4 人使用', '晚市 17:00 后需提前一天电话预约', '包间需另付服务费', '不与店内其他优惠同享'],
      commissionBps: 1000,
    }, 3),
    deal({
      _id: 'deal_voucher_100', category: 'food', shopId: 'shop_shuxiang', title: '100 元代金券｜全场通用，可叠加使用',
      images: [img('skewers-1'), img('skewers-2')], priceFen: 8800, originalPriceFen: 10000, stock: 3, perUserLimit: 3,
      description: '全场菜品通用（酒水除外），单次最多使用 3 张。',
      rules: ['酒水除外', '单次最多使用 3 张', '不设找零'],
    }, 2),
    deal({
      _id: 'deal_cakes', category: 'drinks', shopId: 'shop_shiguang', title: '蛋糕三选一｜巴斯克 / 提拉米苏 / 抹茶千层',
      images: [img('dessert-1'), img('dessert-2')], priceFen: 2500, originalPriceFen: 3800, stock: 120,
      saleStart: at(1), description: '每日新鲜烘焙，售完即止。',
    }, 1),
  ]
  const promoters = [{ _id: openidOf('promoter'), openid: openidOf('promoter'), name: '王姐', withdrawnFen: 0, pendingFen: 0, settledFen: 0, carryFen: 0, createdAt: at(-30) }]
  return { shops, members, deals, promoters }
}

/** Seeds only an empty database: a restart never overwrites what the demo user did. Returns whether it seeded. */
export async function seedIfEmpty(db: Db, now = Date.now()): Promise<boolean> {
  const { total } = await db.collection(SHOPS).count()
  if (total > 0) return false
  const data = demoData(now)
  await db.collection(SHOPS).add(data.shops)
  await db.collection(SHOP_MEMBERS).add(data.members)
  // Each account's list of shops, as accepting their invites and a first look-up at the counter leave it.
  const shopsOf = new Map<string, string[]>()
  for (const m of data.members) shopsOf.set(m.openid, [...(shopsOf.get(m.openid) ?? []), m.shopId])
  await db.collection(RATE_LIMITS).add([...shopsOf].map(([openid, shops]) => ({ _id: budgetId(openid), openid, shops, rev: 0 })))
  await db.collection(DEALS).add(data.deals)
  await db.collection(PROMOTERS).add(data.promoters)
  return true
}
