import type { Routes } from '@angular/router';
import { Permission } from '@brevet/contracts';
import { requires } from '../core/auth';
import { provideMaterialDefaults } from '../core/ui/material-defaults';

/**
 * `/sessions` (managers and HR: the list), `/sessions/mine` (the employee's page) and `/sessions/:id` (one
 * session: managers, its instructor and anyone who may join it; the API decides what each may see and do).
 */
export default [
  {
    path: '',
    pathMatch: 'full',
    ...requires(Permission.TrainingSessionsManage),
    loadComponent: () => import('./sessions-list-page').then((m) => m.SessionsListPage),
    title: 'nav.trainingSessions',
    providers: [provideMaterialDefaults()],
  },
  {
    path: 'mine',
    loadComponent: () => import('./my-sessions-page').then((m) => m.MySessionsPage),
    title: 'nav.mySessions',
    providers: [provideMaterialDefaults()],
  },
  {
    path: ':id',
    loadComponent: () => import('./session-page').then((m) => m.SessionPage),
    title: 'trainingSessions.sessionTitle',
    providers: [provideMaterialDefaults()],
  },
] satisfies Routes;
