export default definePageConfig({
  navigationBarTitleText: '店铺设置',
  backgroundColor: '#F5F5F7',
})
