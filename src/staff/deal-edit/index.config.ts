export default definePageConfig({
  navigationBarTitleText: '编辑团购',
  backgroundColor: '#F5F5F7',
})
