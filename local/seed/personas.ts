/** Demo people. Their openids are what the local gateway puts into the platform context for each persona. */
export const PERSONAS = [
  { key: 'consumer', label: '顾客 · 小林', openid: 'o_demo_consumer_1' },
  { key: 'consumer2', label: '顾客 · 阿梅', openid: 'o_demo_consumer_2' },
  { key: 'promoter', label: '推手 · 王姐', openid: 'o_demo_promoter_1' },
  { key: 'owner', label: '店主 · 拾光咖啡', openid: 'o_demo_owner_a' },
  { key: 'staff', label: '店员 · 拾光咖啡', openid: 'o_demo_staff_a' },
] as const

export const DEMO_ADMIN_OPENID = 'o_demo_admin'
export const OWNER_B = 'o_demo_owner_b'
export const STAFF_B = 'o_demo_staff_b'

export const openidOf = (key: (typeof PERSONAS)[number]['key']) => PERSONAS.find((p) => p.key === key)!.openid
