/**
 * Who may do what: the one permission map, read by the API's guard and by the admin UI's routes and menus.
 * A role grants permissions; *which* branches a permission reaches is the person's scope (see `AccessScope`),
 * enforced in the API's repository queries.
 */
export const ROLES = ['hr_admin', 'regional_manager', 'branch_manager', 'auditor', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export const Permission = {
  /** Branches, regions, the organisation tree and job roles, within scope. */
  OrgRead: 'org.read',
  OrgWrite: 'org.write',
  /** The staff directory and person pages, within scope. */
  StaffRead: 'staff.read',
  StaffWrite: 'staff.write',
  HrImport: 'hr-import.manage',
  CatalogueRead: 'catalogue.read',
  CatalogueWrite: 'catalogue.write',
  /** Awards and their certificates, within scope. */
  AwardsRead: 'awards.read',
  /** Issue, revoke and renew awards. */
  AwardsWrite: 'awards.write',
  EvidenceApprove: 'evidence.approve',
  ComplianceRead: 'compliance.read',
  RulesWrite: 'rules.write',
  ReportsExport: 'reports.export',
  ScimManage: 'scim.manage',
  SsoManage: 'sso.manage',
  UsersManage: 'users.manage',
  SigningKeysManage: 'signing-keys.manage',
  AuditRead: 'audit.read',
  SettingsManage: 'settings.manage',
  /** The mail outbox: every email Brevet sent or kept, with its content. */
  MailRead: 'mail.read',
  /** The jobs page: queue counts and failed jobs; retry or remove a failed job. */
  JobsManage: 'jobs.manage',
  /** Webhook endpoints, their secrets and delivery logs. */
  WebhooksManage: 'webhooks.manage',
  /** Everyone's scheduled reports (without it: one's own only). */
  ReportSubscriptionsAll: 'report-subscriptions.all',
  /** On-site training sessions of one's branches: schedule, edit, cancel, enrol staff, record attendance. */
  TrainingSessionsManage: 'training-sessions.manage',
  /** Self-paced micro-courses: write, publish and archive courses, read every learner's progress. */
  CoursesManage: 'courses.manage',
  /** One's own record, certificates and requirements. */
  Self: 'self',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS: readonly Permission[] = Object.values(Permission);

const READ_ANYTHING: readonly Permission[] = [
  Permission.OrgRead,
  Permission.StaffRead,
  Permission.CatalogueRead,
  Permission.AwardsRead,
  Permission.ComplianceRead,
  Permission.ReportsExport,
];

const MANAGER: readonly Permission[] = [
  ...READ_ANYTHING,
  Permission.EvidenceApprove,
  Permission.TrainingSessionsManage,
  Permission.Self,
];

/** The role → permissions table. Anything not listed is denied. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  hr_admin: PERMISSIONS,
  regional_manager: MANAGER,
  branch_manager: MANAGER,
  auditor: [...READ_ANYTHING, Permission.AuditRead, Permission.Self],
  employee: [Permission.Self],
};

export function permissionsFor(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}

/** Company-wide roles see every branch; managers see the branches of their grants. */
export const COMPANY_WIDE_ROLES: readonly Role[] = ['hr_admin', 'auditor'];

export interface RoleGrant {
  role: Role;
  /** Set for branch managers. */
  branchId: string | null;
  /** Set for regional managers: the region and every region below it. */
  regionId: string | null;
  /** `sso` grants are recomputed from the identity provider's groups at each sign-in; `manual` ones stay. */
  source: 'sso' | 'manual';
}

/** The signed-in person, as the admin UI sees them (`GET /api/v1/auth/me`). */
export interface Me {
  userId: string;
  displayName: string;
  email: string | null;
  staffId: string | null;
  language: 'en' | 'de' | null;
  roles: Role[];
  grants: RoleGrant[];
  permissions: Permission[];
  /** `all` for company-wide roles; otherwise the branch IDs the person's grants reach today. */
  scope: { all: true } | { all: false; branchIds: string[] };
  /** How the session began. */
  signedInWith: { kind: 'saml'; identityProvider: string } | { kind: 'password' };
  sessionExpiresAt: string;
}

/** What the sign-in page offers (`GET /api/v1/auth/options`, public). */
export interface SignInOptions {
  identityProviders: Array<{ slug: string; displayName: string; loginUrl: string }>;
  passwordLogin: boolean;
  /** Only in embedded/demo mode: the built-in identity provider's people picker. */
  demoIdentityProvider: { loginUrl: string } | null;
}

export interface PasswordLoginRequest {
  email: string;
  password: string;
}
