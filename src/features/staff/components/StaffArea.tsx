import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { Me, Membership } from '@core/contracts/views'
import { RoleGate } from '@/features/me'
import { PageState } from '@/shared/ui'
import { shopsFor, useChosenShop } from '../model/shopChoice'
import './staff.css'

export interface StaffContext {
  me: Me
  shop: Membership
}

/**
 * The frame of every staff page: the role check (RoleGate), for owner pages a second check for 店主, and the shop
 * the page works on (chips to switch when the caller belongs to several shops).
 */
export function StaffArea({ ownerOnly = false, children }: { ownerOnly?: boolean; children: (ctx: StaffContext) => ReactNode }) {
  return <RoleGate area='staff'>{(me) => <ShopFrame me={me} ownerOnly={ownerOnly} render={children} />}</RoleGate>
}

function ShopFrame({ me, ownerOnly, render }: { me: Me; ownerOnly: boolean; render: (ctx: StaffContext) => ReactNode }) {
  const shops = shopsFor(me, ownerOnly)
  const { shop, choose } = useChosenShop(shops)
  if (!shop) {
    return (
      <PageState
        kind='denied'
        title='仅店主可以使用'
        description='团购、店员和店铺信息由店主管理。如需修改，请联系店主。'
        actionLabel='返回我的'
        onAction={() => void Taro.switchTab({ url: '/pages/me/index' })}
      />
    )
  }
  return (
    <View>
      {shops.length > 1 && (
        <View className='st-shops'>
          {shops.map((s) => (
            <View key={s.shopId} className={`st-chip${s.shopId === shop.shopId ? ' st-chip--on' : ''}`} onClick={() => choose(s.shopId)}>
              <Text>{s.shopName}</Text>
            </View>
          ))}
        </View>
      )}
      {render({ me, shop })}
    </View>
  )
}
