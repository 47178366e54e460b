import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { provideComplianceIcons } from './compliance-icons';
import { ComplianceLookups } from './compliance-lookups';
import { DashboardPage } from './dashboard-page';
import { PeoplePage } from './people-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults(), provideComplianceIcons(), ComplianceLookups],
    children: [
      { path: '', component: DashboardPage, title: 'dashboard.title' },
      { path: 'people', component: PeoplePage, title: 'dashboard.people.title' },
    ],
  },
] satisfies Routes;
