export default definePageConfig({
  navigationBarTitleText: '店员管理',
  backgroundColor: '#F5F5F7',
})
