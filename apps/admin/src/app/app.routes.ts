import type { Routes } from '@angular/router';
import { Permission } from '@brevet/contracts';
import { landingRedirect, requires, signedInGuard, signedOutGuard } from './core/auth';
import { ForbiddenPage } from './shell/forbidden-page';
import { Shell } from './shell/shell';

/**
 * Every feature is a lazy route, so the initial bundle holds only the shell. Each page names the permission
 * it needs (`requires`, from the permission map in `@brevet/contracts`); the menu reads the same map.
 */
export const appRoutes: Routes = [
  {
    path: 'login',
    canMatch: [signedOutGuard],
    loadComponent: () => import('./login/login-page'),
    title: 'login.title',
  },
  {
    path: '',
    component: Shell,
    canMatch: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: landingRedirect },
      {
        path: 'dashboard',
        ...requires(Permission.ComplianceRead),
        loadChildren: () => import('./dashboard/dashboard.routes'),
      },
      {
        path: 'rules',
        ...requires(Permission.ComplianceRead),
        loadChildren: () => import('./rules/rules.routes'),
      },
      {
        path: 'organisation',
        ...requires(Permission.OrgRead),
        loadChildren: () => import('./organisation/organisation.routes'),
      },
      {
        path: 'branches',
        ...requires(Permission.OrgRead),
        loadChildren: () => import('./branches/branches.routes'),
      },
      {
        path: 'staff',
        ...requires(Permission.StaffRead),
        loadChildren: () => import('./staff/staff.routes'),
      },
      {
        path: 'catalogue',
        ...requires(Permission.CatalogueRead),
        loadChildren: () => import('./catalogue/catalogue.routes'),
      },
      {
        path: 'awards',
        ...requires(Permission.AwardsRead),
        loadChildren: () => import('./awards/awards.routes'),
      },
      {
        path: 'approvals',
        ...requires(Permission.EvidenceApprove),
        loadChildren: () => import('./approvals/approvals.routes'),
      },
      {
        path: 'sessions',
        ...requires(Permission.Self),
        loadChildren: () => import('./sessions/sessions.routes'),
      },
      {
        path: 'import',
        ...requires(Permission.HrImport),
        loadChildren: () => import('./hr-import/hr-import.routes'),
      },
      {
        path: 'audit',
        ...requires(Permission.AuditRead),
        loadChildren: () => import('./audit/audit.routes'),
      },
      {
        path: 'exports',
        ...requires(Permission.ReportsExport),
        loadChildren: () => import('./exports/exports.routes'),
      },
      {
        path: 'mail',
        ...requires(Permission.MailRead),
        loadChildren: () => import('./mail/mail.routes'),
      },
      {
        path: 'webhooks',
        ...requires(Permission.WebhooksManage),
        loadChildren: () => import('./webhooks/webhooks.routes'),
      },
      {
        path: 'settings/scim',
        ...requires(Permission.ScimManage),
        loadChildren: () => import('./scim/scim.routes'),
      },
      {
        path: 'jobs',
        ...requires(Permission.JobsManage),
        loadChildren: () => import('./jobs/jobs.routes'),
      },
      {
        path: 'settings/sso',
        ...requires(Permission.SsoManage),
        loadChildren: () => import('./sso/sso.routes'),
      },
      {
        path: 'courses',
        ...requires(Permission.CoursesManage),
        loadChildren: () => import('./courses/courses.routes'),
      },
      {
        path: 'training',
        ...requires(Permission.ComplianceRead),
        loadChildren: () => import('./training/training.routes'),
      },
      { path: 'learn', ...requires(Permission.Self), loadChildren: () => import('./learn/learn.routes') },
      { path: 'me', ...requires(Permission.Self), loadChildren: () => import('./me/me.routes') },
      { path: 'forbidden', component: ForbiddenPage, title: 'forbidden.title' },
      { path: '**', redirectTo: landingRedirect },
    ],
  },
];
