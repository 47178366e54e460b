import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { AuditPage } from './audit-page';

export default [
  { path: '', component: AuditPage, title: 'nav.audit', providers: [provideMaterialDefaults()] },
] satisfies Routes;
