import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { JobRolesPage } from './job-roles-page';
import { OrgTreePage } from './org-tree-page';
import { OrganisationLayout } from './organisation-layout';

export default [
  {
    path: '',
    component: OrganisationLayout,
    providers: [provideMaterialDefaults()],
    children: [
      { path: '', component: OrgTreePage, title: 'nav.organisation' },
      { path: 'job-roles', component: JobRolesPage, title: 'jobRoles.title' },
    ],
  },
] satisfies Routes;
