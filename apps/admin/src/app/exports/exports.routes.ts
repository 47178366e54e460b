import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { ExportsPage } from './exports-page';

export default [
  { path: '', component: ExportsPage, title: 'nav.exports', providers: [provideMaterialDefaults()] },
] satisfies Routes;
