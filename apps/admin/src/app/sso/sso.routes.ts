import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { SsoDetailPage } from './sso-detail-page';
import { SsoListPage } from './sso-list-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults()],
    children: [
      { path: '', component: SsoListPage, title: 'nav.sso' },
      { path: ':id', component: SsoDetailPage, title: 'sso.detail.title' },
    ],
  },
] satisfies Routes;
