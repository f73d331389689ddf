export default definePageConfig({
  navigationBarTitleText: '团卡',
  enablePullDownRefresh: true,
  // A promoter's 分享 button on a card shares that deal (useEarnShare); the menu shares the home page.
  enableShareAppMessage: true,
  backgroundColor: '#F5F5F7',
  onReachBottomDistance: 200,
})
