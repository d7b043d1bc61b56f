export { buildReport, type ReportInput } from './build';
export { capReport } from './cap';
export { retryAdvised, retryMessage } from './retry';
export { logSummary, type SummaryMetrics } from './summary';
export type { FailedBus, FailedGroup, ListingWarning, Report } from './types';
