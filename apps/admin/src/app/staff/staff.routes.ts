import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { PersonPage } from './person-page';
import { StaffLookups } from './staff-lookups';
import { StaffPage } from './staff-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults(), StaffLookups],
    children: [
      { path: '', component: StaffPage, title: 'nav.staff' },
      { path: ':id', component: PersonPage, title: 'person.title' },
    ],
  },
] satisfies Routes;
