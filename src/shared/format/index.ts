export { formatCount } from './count'
export { formatDate, formatDateRange, formatDateTime, formatDateTimeRange, formatDuration } from './time'
