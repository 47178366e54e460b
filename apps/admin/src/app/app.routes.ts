import type { Routes } from '@angular/router';

/** Every feature is a lazy route, so the initial bundle holds only the shell. */
export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'branches' },
  { path: 'organisation', loadChildren: () => import('./organisation/organisation.routes') },
  { path: 'branches', loadChildren: () => import('./branches/branches.routes') },
  { path: 'staff', loadChildren: () => import('./staff/staff.routes') },
  { path: 'import', loadChildren: () => import('./hr-import/hr-import.routes') },
  { path: '**', redirectTo: 'branches' },
];
