import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { randomUUID } from 'node:crypto';
import { agentFor, signInAsAdmin } from '../support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../support/test-app';
import { arrangeAccessWorld, monthAgo, type AccessWorld } from './access-fixtures';

/**
 * Security row A1/A2: every route the running app registers has a rule here, and answers each role as the
 * rule says. A route without a rule fails the first test; a rule for a route that is gone fails it too.
 *
 * A rule is `'public'` (no session needed: only the anonymous caller is tried), `'scim'` (SCIM bearer token
 * only: no session opens it), or six outcomes for
 *
 *     anonymous  employee  branch_manager  regional_manager  auditor  hr_admin
 *
 * - `401`  refused by the guard: sign-in required
 * - `403`  refused by the guard: the role lacks the permission
 * - `200`  a read that works company-wide: the path names branch Y's record (outside the managers' scope); a
 *          list also contains Y's rows
 * - `S`    scoped read: Y's record is 404, exactly like an unknown ID, X's is 200; a list has X's rows only
 * - `own`  the person's own record is 200; anyone else's (even in their branch) is 404
 * - `ok`   let through by the guard (any answer but 401/403): writes are sent an empty body and an unknown
 *          ID, so the handler refuses them without changing anything
 *
 * The world (see access-fixtures.ts): branch X in region North, branch Y in region South; a branch manager of
 * X and a regional manager of North; one person with an award in each branch, plus the employee in X.
 */

type Role = 'anonymous' | 'employee' | 'branch_manager' | 'regional_manager' | 'auditor' | 'hr_admin';
const ROLES: readonly Role[] = [
  'anonymous',
  'employee',
  'branch_manager',
  'regional_manager',
  'auditor',
  'hr_admin',
];
type Outcome = '401' | '403' | '200' | 'S' | 'own' | 'ok';
const OUTCOMES: readonly string[] = ['401', '403', '200', 'S', 'own', 'ok'];

/** What a path parameter stands for. */
type Kind = 'staff' | 'award' | 'branch' | 'region' | 'credential' | 'evidence' | 'unknown' | 'slug';

interface Rule {
  expect: string;
  params?: Record<string, Kind>;
  /** A scoped list: the branch (or region) IDs of its rows. */
  list?: { of: 'branch' | 'region'; ids: (body: unknown) => string[] };
  /** Sends a new session each time (the route ends it). */
  fresh?: true;
  query?: string;
}

// Shorthands for the common rules.
const PUBLIC: Rule = { expect: 'public' };
const SCIM: Rule = { expect: 'scim' };
const HR_ONLY = '401 403 403 403 403 ok';
const SCOPED = '401 403 S S 200 200';
const COMPANY_READ = '401 403 200 200 200 200';
const AUDIT = '401 403 403 403 200 200';
const SIGNED_IN = '401 200 200 200 200 200';
/** An award as a credential or PDF: within scope with AwardsRead, or one's own with Self. */
const AWARD_DOC = '401 own S S 200 200';
/**
 * Compliance reads: the guard lets managers through and their scope is applied by the compliance module (its
 * own tests check which rows they see); the route table checks the permission side.
 */
const COMPLIANCE_READ = '401 403 ok ok 200 200';
/** Exports: the guard lets ReportsExport holders through; ownership and scope are the exports module's. */
const EXPORTS = '401 403 ok ok ok ok';
/** /me: the employee's own; the other roles pass the guard but have no staff record here (404). */
const SELF = '401 own ok ok ok ok';

type Items<T> = { items: T[] };
const branchesOfTree = (nodes: unknown): string[] =>
  (nodes as Array<{ branches: Array<{ id: string }>; children: unknown[] }>).flatMap((n) => [
    ...n.branches.map((b) => b.id),
    ...branchesOfTree(n.children),
  ]);

const id = { id: 'unknown' } as const;

/** Every route, with its rule. Keys are exactly what Express has registered: `METHOD path`. */
const TABLE: Record<string, Rule> = {
  // Health, API docs, sign-in
  'GET /api/health': PUBLIC,
  'GET /api/ready': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /api/docs/': PUBLIC,
  'GET /api/docs/index.html': PUBLIC,
  'GET /api/docs/LICENSE': PUBLIC,
  'GET /api/docs/swagger-ui-init.js': PUBLIC,
  'GET /api/docs/docs/swagger-ui-init.js': PUBLIC,
  'GET /api/docs/openapi.json': PUBLIC,
  'GET /api/docs-yaml': PUBLIC,
  'GET /api/v1/auth/options': PUBLIC,
  'POST /api/v1/auth/password': PUBLIC,
  'GET /api/v1/auth/me': { expect: SIGNED_IN },
  'POST /api/v1/auth/logout': { expect: '401 ok ok ok ok ok', fresh: true },

  // Organisation (branch-scoped)
  'GET /api/v1/branches': {
    expect: SCOPED,
    list: { of: 'branch', ids: (b) => (b as Items<{ id: string }>).items.map((i) => i.id) },
  },
  'GET /api/v1/branches/:id': { expect: SCOPED, params: { id: 'branch' } },
  'POST /api/v1/branches': { expect: HR_ONLY },
  'PATCH /api/v1/branches/:id': { expect: HR_ONLY, params: { id: 'branch' } },
  'POST /api/v1/branches/:id/archive': { expect: HR_ONLY, params: { id: 'branch' } },
  'POST /api/v1/branches/:id/restore': { expect: HR_ONLY, params: { id: 'branch' } },
  'GET /api/v1/regions': {
    expect: SCOPED,
    list: { of: 'region', ids: (b) => (b as Array<{ id: string }>).map((r) => r.id) },
  },
  'POST /api/v1/regions': { expect: HR_ONLY },
  'PATCH /api/v1/regions/:id': { expect: HR_ONLY, params: { id: 'region' } },
  'GET /api/v1/organisation/tree': { expect: SCOPED, list: { of: 'branch', ids: branchesOfTree } },

  // Job roles and the catalogue: company-wide reference data
  'GET /api/v1/job-roles': { expect: COMPANY_READ },
  'POST /api/v1/job-roles': { expect: HR_ONLY },
  'PATCH /api/v1/job-roles/:id': { expect: HR_ONLY, params: id },
  'GET /api/v1/credentials': { expect: COMPANY_READ },
  'POST /api/v1/credentials': { expect: HR_ONLY },
  'GET /api/v1/credentials/:id': { expect: COMPANY_READ, params: { id: 'credential' } },
  'PATCH /api/v1/credentials/:id': { expect: HR_ONLY, params: { id: 'credential' } },
  'POST /api/v1/credentials/:id/publish': { expect: HR_ONLY, params: { id: 'credential' } },
  'POST /api/v1/credentials/:id/archive': { expect: HR_ONLY, params: { id: 'credential' } },
  'PUT /api/v1/credentials/:id/badge': { expect: HR_ONLY, params: { id: 'credential' } },
  // No badge uploaded: 404 for those let through.
  'GET /api/v1/credentials/:id/badge': { expect: '401 403 ok ok ok ok', params: { id: 'credential' } },

  // Staff (branch-scoped)
  'GET /api/v1/staff': {
    expect: SCOPED,
    list: { of: 'branch', ids: (b) => (b as Items<{ branchId: string }>).items.map((i) => i.branchId) },
  },
  'GET /api/v1/staff/:id': { expect: SCOPED, params: { id: 'staff' } },
  'POST /api/v1/staff': { expect: HR_ONLY },
  'PATCH /api/v1/staff/:id': { expect: HR_ONLY, params: { id: 'staff' } },
  'GET /api/v1/staff/:id/credentials': { expect: SCOPED, params: { id: 'staff' } },

  // Awards (scoped by the awarded person's current branch)
  'GET /api/v1/awards': {
    expect: SCOPED,
    list: {
      of: 'branch',
      ids: (b) => (b as Items<{ staff: { branchId: string } }>).items.map((i) => i.staff.branchId),
    },
  },
  'POST /api/v1/awards': { expect: HR_ONLY },
  'GET /api/v1/awards/preview': { expect: HR_ONLY },
  'POST /api/v1/awards/bulk': { expect: HR_ONLY },
  'POST /api/v1/awards/import': { expect: HR_ONLY },
  'GET /api/v1/awards/:id': { expect: SCOPED, params: { id: 'award' } },
  'POST /api/v1/awards/:id/revoke': { expect: HR_ONLY, params: { id: 'award' } },
  'POST /api/v1/awards/:id/renew': { expect: HR_ONLY, params: { id: 'award' } },

  // Open Badges
  'POST /api/v1/verify': PUBLIC,
  'GET /api/v1/open-badges/credentials/:awardId': { expect: AWARD_DOC, params: { awardId: 'award' } },
  'GET /api/v1/open-badges/credentials/:awardId/verification': {
    expect: AWARD_DOC,
    params: { awardId: 'award' },
  },
  'GET /api/v1/open-badges/credentials/:awardId/certificate.pdf': {
    expect: AWARD_DOC,
    params: { awardId: 'award' },
  },
  'GET /api/v1/open-badges/keys': { expect: HR_ONLY },
  'POST /api/v1/open-badges/keys/rotate': { expect: HR_ONLY },
  'GET /issuer': PUBLIC,
  'GET /issuer/jwks': PUBLIC,
  'GET /issuer/keys/:id': { ...PUBLIC, params: id },
  'GET /status/revocation/1': PUBLIC,
  'GET /verify/verify.css': PUBLIC,
  'GET /verify/:id': { ...PUBLIC, params: { id: 'award' } },

  // Compliance: reads are ComplianceRead (managers, auditors, HR); rules and exemptions are RulesWrite (HR)
  'GET /api/v1/compliance/summary': { expect: COMPLIANCE_READ },
  'GET /api/v1/compliance/matrix': { expect: COMPLIANCE_READ },
  'GET /api/v1/compliance/areas': { expect: COMPLIANCE_READ },
  'GET /api/v1/compliance/requirements': { expect: COMPLIANCE_READ },
  'GET /api/v1/compliance/expiring': { expect: COMPLIANCE_READ, query: 'withinDays=30' },
  'GET /api/v1/compliance/trends': { expect: COMPLIANCE_READ },
  'GET /api/v1/compliance/rules': { expect: COMPLIANCE_READ },
  'GET /api/v1/compliance/rules/:id': { expect: '401 403 ok ok ok ok', params: id },
  'POST /api/v1/compliance/rules': { expect: HR_ONLY },
  'POST /api/v1/compliance/rules/impact': { expect: HR_ONLY },
  'PATCH /api/v1/compliance/rules/:id': { expect: HR_ONLY, params: id },
  'DELETE /api/v1/compliance/rules/:id': { expect: HR_ONLY, params: id },
  'GET /api/v1/compliance/exemptions': { expect: HR_ONLY },
  'GET /api/v1/compliance/exemptions/:id': { expect: HR_ONLY, params: id },
  'POST /api/v1/compliance/exemptions': { expect: HR_ONLY },
  'PATCH /api/v1/compliance/exemptions/:id': { expect: HR_ONLY, params: id },
  'DELETE /api/v1/compliance/exemptions/:id': { expect: HR_ONLY, params: id },

  // The audit log: AuditRead (auditors and HR admins)
  'GET /api/v1/audit': { expect: AUDIT },
  'GET /api/v1/audit/verify': { expect: AUDIT },
  'GET /api/v1/audit/export.csv': { expect: AUDIT },
  // Exports: ReportsExport (managers, auditors, HR admins). Each person sees only their own exports (an
  // unknown or someone else's ID is 404, see exports.int-spec.ts); the kind's own permission is checked on POST.
  'GET /api/v1/exports': { expect: EXPORTS },
  'POST /api/v1/exports': { expect: EXPORTS },
  'GET /api/v1/exports/:id': { expect: EXPORTS, params: id },
  'GET /api/v1/exports/:id/file': { expect: EXPORTS, params: id },
  'DELETE /api/v1/exports/:id': { expect: EXPORTS, params: id },
  // Scheduled reports: ReportsExport; one's own only (someone else's is 404), HR admins everyone's
  // (ReportSubscriptionsAll; see report-subscriptions.int-spec.ts)
  'GET /api/v1/report-subscriptions': { expect: EXPORTS },
  'POST /api/v1/report-subscriptions': { expect: EXPORTS },
  'GET /api/v1/report-subscriptions/:id': { expect: EXPORTS, params: id },
  'PATCH /api/v1/report-subscriptions/:id': { expect: EXPORTS, params: id },
  'DELETE /api/v1/report-subscriptions/:id': { expect: EXPORTS, params: id },

  // Employee self-service
  'GET /api/v1/me/profile': { expect: SELF },
  'GET /api/v1/me/credentials': { expect: SELF },
  'GET /api/v1/me/requirements': { expect: SELF },
  'PUT /api/v1/me/language': { expect: '401 ok ok ok ok ok' },
  'GET /api/v1/me/evidence': { expect: SELF },
  'POST /api/v1/me/evidence': { expect: '401 ok ok ok ok ok' },
  'GET /api/v1/me/evidence/credentials': { expect: SIGNED_IN },

  // Self-paced courses: HR writes them (CoursesManage); everyone learns their own (Self, own staff record)
  'GET /api/v1/courses': { expect: HR_ONLY },
  'POST /api/v1/courses': { expect: HR_ONLY },
  'GET /api/v1/courses/:id': { expect: HR_ONLY, params: id },
  'PATCH /api/v1/courses/:id': { expect: HR_ONLY, params: id },
  'POST /api/v1/courses/:id/publish': { expect: HR_ONLY, params: id },
  'POST /api/v1/courses/:id/archive': { expect: HR_ONLY, params: id },
  'GET /api/v1/me/courses': { expect: SELF },
  'GET /api/v1/me/courses/:id': { expect: '401 ok ok ok ok ok', params: id },
  'PUT /api/v1/me/courses/:id/progress': { expect: '401 ok ok ok ok ok', params: id },
  'POST /api/v1/me/courses/:id/attempts': { expect: '401 ok ok ok ok ok', params: id },
  'POST /api/v1/me/courses/:id/attempts/:attemptId/submit': {
    expect: '401 ok ok ok ok ok',
    params: { id: 'unknown', attemptId: 'unknown' },
  },

  // Evidence: approvers (EvidenceApprove) within their scope; one item also for its person and its submitter
  'GET /api/v1/evidence': {
    expect: '401 403 S S 403 200',
    list: {
      of: 'branch',
      ids: (b) => (b as Items<{ staff: { branchId: string } }>).items.map((i) => i.staff.branchId),
    },
  },
  'POST /api/v1/evidence': { expect: '401 403 ok ok 403 ok' },
  'GET /api/v1/evidence/:id': { expect: '401 own S S ok 200', params: { id: 'evidence' } },
  'GET /api/v1/evidence/:id/file': { expect: '401 own S S ok 200', params: { id: 'evidence' } },
  'POST /api/v1/evidence/:id/approve': { expect: '401 403 ok ok 403 ok', params: id },
  'POST /api/v1/evidence/:id/reject': { expect: '401 403 ok ok 403 ok', params: id },
  'POST /api/v1/evidence/:id/withdraw': { expect: '401 ok ok ok ok ok', params: id },

  // Training sessions: TrainingSessionsManage (managers, HR) within their scope, applied in SQL (a session
  // outside it is 404; training-sessions.int-spec.ts checks which). One session, its calendar, attendance and
  // certificates also for its instructor and participants (Self), decided by the service.
  'GET /api/v1/training-sessions': { expect: '401 403 ok ok 403 ok' },
  'POST /api/v1/training-sessions': { expect: '401 403 ok ok 403 ok' },
  'GET /api/v1/training-sessions/calendar.ics': { expect: '401 403 ok ok 403 ok' },
  'GET /api/v1/training-sessions/people': { expect: '401 403 ok ok 403 ok' },
  'GET /api/v1/training-sessions/:id': { expect: '401 ok ok ok ok ok', params: id },
  'PATCH /api/v1/training-sessions/:id': { expect: '401 403 ok ok 403 ok', params: id },
  'POST /api/v1/training-sessions/:id/cancel': { expect: '401 403 ok ok 403 ok', params: id },
  'GET /api/v1/training-sessions/:id/calendar.ics': { expect: '401 ok ok ok ok ok', params: id },
  'POST /api/v1/training-sessions/:id/enrolments': { expect: '401 403 ok ok 403 ok', params: id },
  'DELETE /api/v1/training-sessions/:id/enrolments/:staffId': {
    expect: '401 403 ok ok 403 ok',
    params: { id: 'unknown', staffId: 'unknown' },
  },
  'PUT /api/v1/training-sessions/:id/attendance': { expect: '401 ok ok ok ok ok', params: id },
  'POST /api/v1/training-sessions/:id/issue-certificates': { expect: '401 ok ok ok ok ok', params: id },
  'GET /api/v1/me/training-sessions': { expect: SELF },
  'GET /api/v1/me/training': { expect: SELF },
  'GET /api/v1/training/assignments': { expect: COMPLIANCE_READ },
  'GET /api/v1/training/report': { expect: COMPLIANCE_READ },
  'GET /api/v1/training/progress': { expect: COMPLIANCE_READ },
  'GET /api/v1/me/training-sessions/calendar.ics': { expect: '401 ok ok ok ok ok' },
  'POST /api/v1/me/training-sessions/:id/enrol': { expect: '401 ok ok ok ok ok', params: id },
  'POST /api/v1/me/training-sessions/:id/cancel': { expect: '401 ok ok ok ok ok', params: id },

  // Mail outbox (MailRead) and reminder settings (SettingsManage): HR admin only, company-wide
  'GET /api/v1/mail/messages': { expect: HR_ONLY },
  'GET /api/v1/mail/messages/:id': { expect: HR_ONLY, params: id },
  'GET /api/v1/mail/transport': { expect: HR_ONLY },
  // Jobs page (JobsManage): HR admin only
  'GET /api/v1/jobs': { expect: HR_ONLY },
  'POST /api/v1/jobs/:queue/:id/retry': { expect: HR_ONLY, params: { queue: 'slug', id: 'unknown' } },
  'DELETE /api/v1/jobs/:queue/:id': { expect: HR_ONLY, params: { queue: 'slug', id: 'unknown' } },
  'GET /api/v1/reminders/settings': { expect: HR_ONLY },
  'PUT /api/v1/reminders/settings': { expect: HR_ONLY },
  'GET /api/v1/reminders/managers': { expect: HR_ONLY },
  'PUT /api/v1/reminders/managers/:userId': { expect: HR_ONLY, params: { userId: 'unknown' } },
  'POST /api/v1/reminders/run': { expect: HR_ONLY },

  // Webhooks (WebhooksManage): HR admin only, company-wide (docs/webhooks.md)
  'GET /api/v1/webhooks': { expect: HR_ONLY },
  'POST /api/v1/webhooks': { expect: HR_ONLY },
  'GET /api/v1/webhooks/:id': { expect: HR_ONLY, params: id },
  'PATCH /api/v1/webhooks/:id': { expect: HR_ONLY, params: id },
  'DELETE /api/v1/webhooks/:id': { expect: HR_ONLY, params: id },
  'POST /api/v1/webhooks/:id/rotate-secret': { expect: HR_ONLY, params: id },
  'POST /api/v1/webhooks/:id/test': { expect: HR_ONLY, params: id },
  'GET /api/v1/webhooks/:id/deliveries': { expect: HR_ONLY, params: id },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': {
    expect: HR_ONLY,
    params: { id: 'unknown', deliveryId: 'unknown' },
  },

  // HR import, SCIM administration: HR admin only, company-wide
  'GET /api/v1/hr-imports': { expect: HR_ONLY },
  'POST /api/v1/hr-imports': { expect: HR_ONLY },
  'GET /api/v1/hr-imports/:id': { expect: HR_ONLY, params: id },
  'GET /api/v1/hr-imports/:id/issues': { expect: HR_ONLY, params: id },
  'GET /api/v1/hr-imports/:id/result.csv': { expect: HR_ONLY, params: id },
  'POST /api/v1/hr-imports/:id/apply': { expect: HR_ONLY, params: id },
  'DELETE /api/v1/hr-imports/:id': { expect: HR_ONLY, params: id },
  'GET /api/v1/scim/tokens': { expect: HR_ONLY },
  'POST /api/v1/scim/tokens': { expect: HR_ONLY },
  'POST /api/v1/scim/tokens/:id/revoke': { expect: HR_ONLY, params: id },
  'GET /api/v1/scim/settings': { expect: HR_ONLY },
  'PUT /api/v1/scim/settings': { expect: HR_ONLY },

  // Single sign-on: SAML and demo identity provider endpoints are public (identity providers and browsers
  // post to them); their administration is SsoManage (HR admin)
  'GET /auth/saml/:idp/login': { ...PUBLIC, params: { idp: 'slug' } },
  'POST /auth/saml/:idp/acs': { ...PUBLIC, params: { idp: 'slug' } },
  'GET /auth/saml/:idp/metadata': { ...PUBLIC, params: { idp: 'slug' } },
  'GET /auth/saml/:idp/slo': { ...PUBLIC, params: { idp: 'slug' } },
  'POST /auth/saml/:idp/slo': { ...PUBLIC, params: { idp: 'slug' } },
  'GET /auth/saml/:idp/logout': { ...PUBLIC, params: { idp: 'slug' } },
  'GET /auth/demo-idp/sso': PUBLIC,
  'POST /auth/demo-idp/sso': PUBLIC,
  'GET /auth/demo-idp/metadata': PUBLIC,
  'GET /auth/demo-idp/autosubmit.js': PUBLIC,
  'GET /auth/demo-idp/demo-idp.css': PUBLIC,
  'GET /api/v1/sso/identity-providers': { expect: HR_ONLY },
  'POST /api/v1/sso/identity-providers': { expect: HR_ONLY },
  'POST /api/v1/sso/identity-providers/metadata-preview': { expect: HR_ONLY },
  'POST /api/v1/sso/identity-providers/upload': { expect: HR_ONLY },
  'GET /api/v1/sso/identity-providers/:id': { expect: HR_ONLY, params: id },
  'PATCH /api/v1/sso/identity-providers/:id': { expect: HR_ONLY, params: id },
  'DELETE /api/v1/sso/identity-providers/:id': { expect: HR_ONLY, params: id },
  'POST /api/v1/sso/identity-providers/:id/signing-certificates': { expect: HR_ONLY, params: id },
  'DELETE /api/v1/sso/identity-providers/:id/signing-certificates/:fingerprint': {
    expect: HR_ONLY,
    params: { id: 'unknown', fingerprint: 'slug' },
  },
  'POST /api/v1/sso/identity-providers/:id/sp-keys/next': { expect: HR_ONLY, params: id },
  'POST /api/v1/sso/identity-providers/:id/sp-keys/promote': { expect: HR_ONLY, params: id },
  'DELETE /api/v1/sso/identity-providers/:id/sp-keys/previous': { expect: HR_ONLY, params: id },
  'GET /api/v1/sso/identity-providers/:id/last-assertion': { expect: HR_ONLY, params: id },

  // SCIM 2.0 itself: the identity provider's bearer token, never a session
  'GET /scim/v2/Users': SCIM,
  'GET /scim/v2/Users/:id': { ...SCIM, params: id },
  'POST /scim/v2/Users': SCIM,
  'PUT /scim/v2/Users/:id': { ...SCIM, params: id },
  'PATCH /scim/v2/Users/:id': { ...SCIM, params: id },
  'DELETE /scim/v2/Users/:id': { ...SCIM, params: id },
  'GET /scim/v2/Groups': SCIM,
  'GET /scim/v2/Groups/:id': { ...SCIM, params: id },
  'POST /scim/v2/Groups': SCIM,
  'PUT /scim/v2/Groups/:id': { ...SCIM, params: id },
  'PATCH /scim/v2/Groups/:id': { ...SCIM, params: id },
  'DELETE /scim/v2/Groups/:id': { ...SCIM, params: id },
  'GET /scim/v2/ServiceProviderConfig': SCIM,
  'GET /scim/v2/ResourceTypes': SCIM,
  'GET /scim/v2/ResourceTypes/:id': { ...SCIM, params: { id: 'slug' } },
  'GET /scim/v2/Schemas': SCIM,
  'GET /scim/v2/Schemas/:id': { ...SCIM, params: { id: 'slug' } },
};

/**
 * Every route Express has registered, as `METHOD path`. Nest adds each handler with one method; its
 * middleware bindings (logger, global-prefix exclusions) are routes answering every method by name, and are
 * not endpoints. Body parsers and static files are plain middleware layers without a route.
 */
function registeredRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const routes = new Set<string>();
  for (const { route } of express.router.stack) {
    if (!route) continue;
    const methods = Object.keys(route.methods);
    if (methods.length === 1)
      routes.add(`${methods[0] === '_all' ? 'ALL' : methods[0].toUpperCase()} ${route.path}`);
  }
  return [...routes].sort();
}

const GUARD_CODES = ['auth.unauthenticated', 'auth.forbidden', 'auth.cross_site_request'];

describe('route table: every route has an access rule, and keeps it (A1, A2)', () => {
  let t: TestApp;
  let world: AccessWorld;
  /** Pending evidence about the person in X, in Y and the employee, submitted by the HR admin. */
  const evidence = { x: '', y: '', own: '' };
  const agents = new Map<Role, TestAgent>();

  beforeAll(async () => {
    // The demo identity provider is on, so that its routes are in the table too.
    t = await createTestApp({ DEMO_IDP: 'true' });
    await resetDatabase(t);
    world = await arrangeAccessWorld(t, await signInAsAdmin(t));
    for (const side of ['x', 'y', 'own'] as const) {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n', 'latin1');
      const res = await world.admin
        .post('/api/v1/evidence')
        .field('staffId', world.staff[side])
        .field('definitionId', world.credentialId)
        .field('issuedOn', monthAgo())
        .attach('file', pdf, { filename: 'certificate.pdf', contentType: 'application/pdf' })
        .expect(201);
      evidence[side] = (res.body as { id: string }).id;
    }
    agents.set('anonymous', request.agent(t.app.getHttpServer()));
    for (const role of ROLES.filter((r) => r !== 'anonymous')) {
      agents.set(role, await agentFor(t, world.users[role as Exclude<Role, 'anonymous'>]));
    }
  });
  afterAll(() => t.close());

  it('has a rule for every registered route, and no rule for a route that is gone', () => {
    const registered = registeredRoutes(t);
    expect(registered.length).toBeGreaterThan(50);
    expect({ routesWithoutRule: registered.filter((r) => !(r in TABLE)) }).toEqual({ routesWithoutRule: [] });
    expect({ rulesWithoutRoute: Object.keys(TABLE).filter((r) => !registered.includes(r)) }).toEqual({
      rulesWithoutRoute: [],
    });
  });

  it('writes every rule in the notation', () => {
    for (const [route, rule] of Object.entries(TABLE)) {
      if (rule.expect === 'public' || rule.expect === 'scim') continue;
      const outcomes = rule.expect.split(' ');
      expect({ route, count: outcomes.length }).toEqual({ route, count: ROLES.length });
      for (const o of outcomes)
        expect({ route, outcome: OUTCOMES.includes(o) }).toEqual({ route, outcome: true });
      if (outcomes.includes('S'))
        expect({ route, paramsOrList: Boolean(rule.params ?? rule.list) }).toEqual({
          route,
          paramsOrList: true,
        });
    }
  });

  /** The value of a path parameter standing for `kind`, on side x (in scope), y (outside), own or unknown. */
  function value(kind: Kind, side: 'x' | 'y' | 'own' | 'unknown'): string {
    if (kind === 'slug') return 'no-such-thing';
    if (kind === 'unknown' || side === 'unknown') return randomUUID();
    switch (kind) {
      case 'staff':
        return world.staff[side];
      case 'award':
        return world.awards[side];
      case 'branch':
        return side === 'own' ? world.branches.x : world.branches[side];
      case 'region':
        return side === 'own' ? world.regions.x : world.regions[side];
      case 'credential':
        return world.credentialId;
      case 'evidence':
        return evidence[side];
    }
  }

  function url(route: string, rule: Rule, side: 'x' | 'y' | 'own' | 'unknown'): string {
    const [, path] = route.split(' ');
    const filled = path.replace(/:(\w+)/g, (_, name: string) => {
      const kind = rule.params?.[name];
      if (!kind) throw new Error(`${route}: no kind for :${name}`);
      return encodeURIComponent(value(kind, side));
    });
    return rule.query ? `${filled}?${rule.query}` : filled;
  }

  async function send(role: Role, route: string, rule: Rule, side: 'x' | 'y' | 'own' | 'unknown') {
    const [method] = route.split(' ');
    const agent =
      rule.fresh && role !== 'anonymous'
        ? await agentFor(t, world.users[role])
        : (agents.get(role) as TestAgent);
    const target = url(route, rule, side);
    const req = agent[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](target);
    const res = method === 'GET' ? await req : await req.send({});
    return { status: res.status, body: res.body as unknown, target };
  }

  const code = (body: unknown) => (body as { code?: string } | undefined)?.code;

  /** What went wrong for one role on one route; empty when it answered as the rule says. */
  async function check(route: string, rule: Rule, role: Role, outcome: Outcome): Promise<string[]> {
    const problems: string[] = [];
    const expectStatus = async (side: 'x' | 'y' | 'own' | 'unknown', status: number, why: string) => {
      const res = await send(role, route, rule, side);
      if (res.status !== status)
        problems.push(
          `${role} ${res.target}: ${res.status} ${code(res.body) ?? ''}, expected ${status} (${why})`,
        );
      return res;
    };
    switch (outcome) {
      case '401': {
        const res = await expectStatus(role === 'employee' ? 'own' : 'y', 401, 'sign-in required');
        if (res.status === 401 && code(res.body) !== 'auth.unauthenticated')
          problems.push(`${role}: not the guard's 401`);
        break;
      }
      case '403': {
        const res = await expectStatus(role === 'employee' ? 'own' : 'y', 403, 'permission missing');
        if (res.status === 403 && code(res.body) !== 'auth.forbidden')
          problems.push(`${role}: not the guard's 403`);
        break;
      }
      case 'ok': {
        const res = await send(role, route, rule, 'unknown');
        if (res.status === 401 || res.status === 403)
          problems.push(
            `${role} ${res.target}: ${res.status} ${code(res.body) ?? ''}, expected to pass the guard`,
          );
        break;
      }
      case '200': {
        const res = await expectStatus('y', 200, 'company-wide');
        if (rule.list && res.status === 200) {
          const seen = rule.list.ids(res.body);
          const y = rule.list.of === 'branch' ? world.branches.y : world.regions.y;
          if (!seen.includes(y)) problems.push(`${role}: the list misses Y's rows`);
        }
        break;
      }
      case 'S': {
        if (rule.list) {
          const res = await expectStatus('x', 200, 'scoped list');
          if (res.status === 200) {
            const seen = rule.list.ids(res.body);
            const x = rule.list.of === 'branch' ? world.branches.x : world.regions.x;
            if (!seen.includes(x)) problems.push(`${role}: the list misses X's rows`);
            const outside = seen.filter((v) => v !== x);
            if (outside.length > 0)
              problems.push(`${role}: the list shows rows outside X: ${outside.join(', ')}`);
          }
        } else {
          await expectStatus('x', 200, 'in scope');
          const y = await expectStatus('y', 404, 'outside the scope: not found');
          const unknown = await send(role, route, rule, 'unknown');
          if (code(y.body) !== code(unknown.body))
            problems.push(
              `${role}: Y answers ${code(y.body)}, an unknown ID ${code(unknown.body)}: not the same`,
            );
        }
        break;
      }
      case 'own': {
        if (rule.params) {
          await expectStatus('own', 200, 'own record');
          await expectStatus('x', 404, "someone else's, same branch");
          await expectStatus('y', 404, "someone else's, other branch");
        } else {
          const res = await expectStatus('own', 200, 'own record');
          const staffId = (res.body as { staffId?: string }).staffId;
          if (res.status === 200 && staffId !== world.staff.own)
            problems.push(`${role}: answered for ${staffId}`);
        }
        break;
      }
    }
    return problems;
  }

  it.each(Object.keys(TABLE))('%s', async (route) => {
    const rule = TABLE[route];
    const problems: string[] = [];
    if (rule.expect === 'public') {
      const res = await send('anonymous', route, rule, 'y');
      if (GUARD_CODES.includes(code(res.body) ?? ''))
        problems.push(`anonymous ${res.target}: refused by the guard (${res.status} ${code(res.body)})`);
    } else if (rule.expect === 'scim') {
      for (const role of ['anonymous', 'hr_admin'] as const) {
        const res = await send(role, route, rule, 'unknown');
        if (res.status !== 401)
          problems.push(`${role} ${res.target}: ${res.status}, expected 401 (bearer only)`);
      }
    } else {
      const outcomes = rule.expect.split(' ') as Outcome[];
      for (const [i, role] of ROLES.entries())
        problems.push(...(await check(route, rule, role, outcomes[i])));
    }
    expect(problems).toEqual([]);
  });
});
