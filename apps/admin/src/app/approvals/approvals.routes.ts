import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { ApprovalsPage } from './approvals-page';

export default [
  { path: '', component: ApprovalsPage, title: 'nav.approvals', providers: [provideMaterialDefaults()] },
] satisfies Routes;
