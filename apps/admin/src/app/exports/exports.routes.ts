import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { ExportsPage } from './exports-page';
import { ReportSubscriptionsPage } from './report-subscriptions-page';

export default [
  { path: '', component: ExportsPage, title: 'nav.exports', providers: [provideMaterialDefaults()] },
  {
    path: 'scheduled',
    component: ReportSubscriptionsPage,
    title: 'scheduledReports.title',
    providers: [provideMaterialDefaults()],
  },
] satisfies Routes;
