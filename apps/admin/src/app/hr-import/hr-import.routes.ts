import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { ImportDetailPage } from './import-detail-page';
import { ImportPage } from './import-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults()],
    children: [
      { path: '', component: ImportPage, title: 'nav.import' },
      { path: ':id', component: ImportDetailPage, title: 'import.detail.title' },
    ],
  },
] satisfies Routes;
