import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { BranchesPage } from './branches-page';

export default [
  { path: '', component: BranchesPage, title: 'nav.branches', providers: [provideMaterialDefaults()] },
] satisfies Routes;
