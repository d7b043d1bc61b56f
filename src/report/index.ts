export { buildReport, type ReportInput } from './build';
export { retryAdvised, retryMessage } from './retry';
export { logSummary, type SummaryMetrics } from './summary';
export type { FailedBus, FailedGroup, Report } from './types';
