export default defineAppConfig({
  // Main package: what a consumer needs. Staff and promoter areas are sub-packages (2 MB per package).
  pages: ['pages/index/index', 'pages/deal/index', 'pages/orders/index', 'pages/order/index', 'pages/me/index'],
  subPackages: [
    { root: 'staff/', pages: ['verify/index', 'dashboard/index', 'deals/index', 'deal-edit/index', 'members/index', 'settings/index', 'join/index', 'promoters/index'] },
    { root: 'promoter/', pages: ['center/index', 'poster/index', 'orders/index'] },
    { root: 'review/', pages: ['write/index'] },
  ],
  preloadRule: {
    'pages/me/index': { network: 'all', packages: ['staff/', 'promoter/'] },
  },
  // The shop's place is picked on WeChat's map (店铺设置); 附近 asks the buyer's fuzzy location (about 1.5 km) when
  // they open it. WeChat asks apps to declare both, and a reason for the location scope.
  requiredPrivateInfos: ['chooseLocation', 'getFuzzyLocation'],
  permission: { 'scope.userFuzzyLocation': { desc: '用于为你展示附近的团购' } },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#F5F5F7',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '团卡',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#8E8E93',
    selectedColor: '#FF4D2E',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/orders/index', text: '订单', iconPath: 'assets/tabbar/orders.png', selectedIconPath: 'assets/tabbar/orders-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
})
