import type { Routes } from '@angular/router';
import { Permission } from '@brevet/contracts';
import { requires } from '../core/auth';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { AwardPage } from './award-page';
import { AwardsPage } from './awards-page';
import { BulkAwardPage } from './bulk-award-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults()],
    children: [
      { path: '', component: AwardsPage, title: 'nav.awards' },
      {
        path: 'bulk',
        ...requires(Permission.AwardsWrite),
        component: BulkAwardPage,
        title: 'awards.bulk.title',
      },
      { path: ':id', component: AwardPage, title: 'awards.detail.pageTitle' },
    ],
  },
] satisfies Routes;
