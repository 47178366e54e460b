// Compliance over time: the chart the dashboard embeds, its data-access service and its series type.
export { ComplianceTrendChart } from './compliance-trend-chart';
export type { TrendSeries } from './trend-chart.model';
export { TrendsApi } from './trends-api';
