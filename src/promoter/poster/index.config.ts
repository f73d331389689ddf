export default definePageConfig({
  navigationBarTitleText: '推广海报',
  backgroundColor: '#F5F5F7',
})
