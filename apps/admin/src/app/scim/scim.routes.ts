import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { ScimPage } from './scim-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults()],
    children: [{ path: '', component: ScimPage, title: 'scim.title' }],
  },
] satisfies Routes;
