import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { JobsPage } from './jobs-page';

export default [
  { path: '', component: JobsPage, title: 'nav.jobs', providers: [provideMaterialDefaults()] },
] satisfies Routes;
