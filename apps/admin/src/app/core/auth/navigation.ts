import { Permission, type Me } from '@brevet/contracts';
import type { TranslationKey } from '../i18n';

export type NavGroup = 'work' | 'admin' | 'personal';

export interface NavItem {
  path: string;
  icon: string;
  label: TranslationKey;
  group: NavGroup;
  /** The permission the page's route requires (`requires()` in `app.routes.ts`), from the one permission map. */
  requires: Permission;
  /** Only for people linked to a staff record (the break-glass admin account has none). */
  needsStaffRecord?: boolean;
}

/**
 * Every page of the side navigation, in menu order. The menu shows a person the items whose permission they
 * hold, and their landing page is the first of those.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    path: '/dashboard',
    icon: 'dashboard',
    label: 'nav.dashboard',
    group: 'work',
    requires: Permission.ComplianceRead,
  },
  {
    path: '/organisation',
    icon: 'accountTree',
    label: 'nav.organisation',
    group: 'work',
    requires: Permission.OrgRead,
  },
  { path: '/branches', icon: 'store', label: 'nav.branches', group: 'work', requires: Permission.OrgRead },
  { path: '/staff', icon: 'people', label: 'nav.staff', group: 'work', requires: Permission.StaffRead },
  {
    path: '/approvals',
    icon: 'inbox',
    label: 'nav.approvals',
    group: 'work',
    requires: Permission.EvidenceApprove,
  },
  {
    path: '/catalogue',
    icon: 'school',
    label: 'nav.catalogue',
    group: 'work',
    requires: Permission.CatalogueRead,
  },
  {
    path: '/awards',
    icon: 'checkCircle',
    label: 'nav.awards',
    group: 'work',
    requires: Permission.AwardsRead,
  },
  {
    path: '/sessions',
    icon: 'event',
    label: 'nav.trainingSessions',
    group: 'work',
    requires: Permission.TrainingSessionsManage,
  },
  {
    path: '/courses',
    icon: 'description',
    label: 'nav.courses',
    group: 'work',
    requires: Permission.CoursesManage,
  },
  {
    path: '/training',
    icon: 'school',
    label: 'training.nav',
    group: 'work',
    requires: Permission.ComplianceRead,
  },
  { path: '/import', icon: 'upload', label: 'nav.import', group: 'work', requires: Permission.HrImport },
  { path: '/rules', icon: 'rule', label: 'nav.rules', group: 'work', requires: Permission.ComplianceRead },
  {
    path: '/exports',
    icon: 'download',
    label: 'nav.exports',
    group: 'work',
    requires: Permission.ReportsExport,
  },
  { path: '/audit', icon: 'list', label: 'nav.audit', group: 'admin', requires: Permission.AuditRead },
  {
    path: '/settings/sso',
    icon: 'vpnKey',
    label: 'nav.sso',
    group: 'admin',
    requires: Permission.SsoManage,
  },
  {
    path: '/settings/scim',
    icon: 'person',
    label: 'nav.scim',
    group: 'admin',
    requires: Permission.ScimManage,
  },
  { path: '/mail', icon: 'mail', label: 'nav.mail', group: 'admin', requires: Permission.MailRead },
  {
    path: '/webhooks',
    icon: 'swap',
    label: 'nav.webhooks',
    group: 'admin',
    requires: Permission.WebhooksManage,
  },
  { path: '/jobs', icon: 'autorenew', label: 'nav.jobs', group: 'admin', requires: Permission.JobsManage },
  {
    path: '/me',
    icon: 'verified',
    label: 'nav.myCertificates',
    group: 'personal',
    requires: Permission.Self,
    needsStaffRecord: true,
  },
  {
    path: '/learn',
    icon: 'school',
    label: 'nav.myCourses',
    group: 'personal',
    requires: Permission.Self,
    needsStaffRecord: true,
  },
  {
    path: '/sessions/mine',
    icon: 'event',
    label: 'nav.mySessions',
    group: 'personal',
    requires: Permission.Self,
    needsStaffRecord: true,
  },
];

/** The menu items `me` may open. */
export function navItemsFor(me: Me | null): NavItem[] {
  if (!me) return [];
  const granted = new Set<Permission>(me.permissions);
  return NAV_ITEMS.filter(
    (item) => granted.has(item.requires) && (!item.needsStaffRecord || me.staffId !== null),
  );
}

/**
 * Where `/` takes a signed-in person: HR admins, managers and auditors to their first page (the compliance
 * dashboard for everyone who may read compliance, as it comes first); employees
 * (who may open only their own records) to "My certificates".
 */
export function landingPath(me: Me | null): string {
  const first = navItemsFor(me)[0];
  if (first) return first.path;
  return me?.permissions.includes(Permission.Self) ? '/me' : '/forbidden';
}
