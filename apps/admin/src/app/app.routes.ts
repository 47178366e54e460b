import type { Routes } from '@angular/router';

export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'branches' },
  { path: 'branches', loadChildren: () => import('./branches/branches.routes') },
  { path: '**', redirectTo: 'branches' },
];
