import type { AssessmentResult, CredentialValiditySettings } from '@brevet/contracts';
import { addDays, addMonths, daysBetween, expiryFor } from '@brevet/domain';
import { planCompletions } from '../awards/award-plan.util';
import type { NewAward } from '../awards/award.repository';

/**
 * The demo company's awards, as a pure function of its people, its catalogue and a seeded random source: who
 * holds what (by job role), and a history per person and credential simulated with the domain rules. Most
 * people renew inside the recertification window; some renew late, some let it lapse, a few certificates are
 * revoked. Relative to DEMO_TODAY that gives mostly valid awards, about a tenth expiring within 60 days and
 * about a tenth expired. The chains go through `planCompletions`, the same planner the API issues with.
 */

/** The seed's reference day ("today" of the demo data), as in demo-seed.service.ts. */
export const DEMO_TODAY = '2026-11-01';

export interface DemoPerson {
  id: string;
  hireDate: string;
  leftOn: string | null;
  /** Current job role codes. */
  roles: readonly string[];
  branchCode: string;
  country: string;
}

export interface DemoDefinition {
  id: string;
  code: string;
  validity: CredentialValiditySettings;
  /** Published versions, oldest first. */
  versions: ReadonlyArray<{ id: string; publishedOn: string }>;
}

/** Sites with a cold-chain food business, where warehouse staff need HACCP. */
const FOOD_BRANCHES = new Set(['DE-HAM-01', 'DE-BRE-01', 'AT-VIE-01', 'PL-POZ-01']);

const REVOKE_REASONS = [
  'Issued in error: the practical test was not taken.',
  'Certificate withdrawn after a forklift collision (incident report 2026-031).',
  'Attendance list did not match: the person was absent that day.',
  'Duplicate entry from the LMS export.',
];

const GRADES = ['sehr gut', 'gut', 'gut', 'befriedigend', 'ausreichend'];

/** Which credentials a person holds, by role, with the realistic gaps a real company has. */
function credentialsFor(person: DemoPerson, random: () => number): string[] {
  const has = (role: string) => person.roles.includes(role);
  const chance = (p: number) => random() < p;
  const codes = new Set<string>();
  if (chance(0.95)) codes.add('WORK-SAFETY');
  if (chance(0.93)) codes.add('GDPR-BASICS');
  if (person.hireDate < '2018-05-01' && chance(0.6)) codes.add('GDPR-2018');
  if (has('FORKLIFT') || (has('WAREHOUSE') && chance(0.25))) {
    codes.add('FORKLIFT-LICENCE');
    if (chance(0.96)) codes.add('FORKLIFT-SAFETY');
  }
  if (has('WAREHOUSE') && chance(0.3)) codes.add('HAZMAT-STORAGE');
  if ((has('WAREHOUSE') || has('FORKLIFT')) && FOOD_BRANCHES.has(person.branchCode) && chance(0.75))
    codes.add('HACCP');
  if (has('FIRST-AIDER') && chance(0.95)) codes.add('FIRST-AID');
  if (has('SHIFT-LEAD')) {
    if (chance(0.7)) codes.add('FIRE-WARDEN');
    if (chance(0.4)) codes.add('SHIFT-LEADERSHIP');
  }
  if (has('BRANCH-MGR')) {
    if (chance(0.8)) codes.add('SHIFT-LEADERSHIP');
    if (chance(0.5)) codes.add('FIRE-WARDEN');
    if (chance(0.5)) codes.add('FIRST-AID');
  }
  if (chance(0.04)) codes.add('FIRE-WARDEN'); // ASR A2.2: about 5 % of staff
  if (has('DRIVER')) {
    if (chance(0.85)) codes.add('ADR-BASIC');
    if (chance(0.95)) codes.add('CODE95');
    if (chance(0.8)) codes.add('LOAD-SECURING');
  }
  if (has('DISPATCH')) {
    if (chance(0.5)) codes.add('EXCEL-ADVANCED');
    if (chance(0.3)) codes.add('LOAD-SECURING');
    if (chance(0.25)) codes.add('ENGLISH-B2');
  }
  if (has('OFFICE')) {
    if (chance(0.6)) codes.add('EXCEL-ADVANCED');
    if (chance(0.3)) codes.add('ENGLISH-B2');
  }
  if (chance(person.country === 'PL' ? 0.3 : person.country === 'DE' ? 0.03 : 0.06)) codes.add('GERMAN-B1');
  return [...codes].sort();
}

/** The completion days of one person for one credential, oldest first, simulated with the domain rules. */
function completionDays(definition: DemoDefinition, person: DemoPerson, random: () => number): string[] {
  const between = (from: string, days: number) => addDays(from, Math.floor(random() * (days + 1)));
  const earliest = between(person.hireDate, 60);
  const end =
    person.leftOn && person.leftOn <= DEMO_TODAY ? addDays(person.leftOn, -1) : addDays(DEMO_TODAY, -1);
  if (earliest > end) return [];
  if (definition.code === 'GDPR-2018') {
    const day = between('2018-04-09', 45);
    return day >= earliest && day <= end ? [day] : [];
  }
  const months = definition.validity.validityMonths;
  if (months === null) {
    const from = addDays(DEMO_TODAY, -Math.floor(random() * 365 * 6));
    const day =
      from > earliest && from <= end ? from : between(earliest, Math.max(0, daysBetween(earliest, end)));
    return [day];
  }
  // Start one to three cycles back, so that the current award comes out of a renewal history.
  const cycles = 1 + Math.floor(random() * 3);
  const back = addDays(addMonths(DEMO_TODAY, -months * cycles), -Math.floor(random() * months * 30));
  let day = back > earliest ? back : earliest;
  if (day > end) return [];
  const window = definition.validity.recertification.window;
  const windowDays = Math.max(14, (window.months ?? 0) * 30 + (window.days ?? 0));
  const days = [day];
  let validUntil = expiryFor(definition.validity, day, null);
  for (;;) {
    if (validUntil === null) break;
    const r = random();
    if (r < 0.05) break; // let it lapse
    const next =
      r < 0.17
        ? addDays(validUntil, 1 + Math.floor(random() * 75)) // renewed late, after it expired
        : addDays(validUntil, -Math.floor(random() ** 3 * windowDays)); // inside the window, mostly late in it
    if (next > end || next <= day) break;
    validUntil = expiryFor(definition.validity, next, { validUntil });
    day = next;
    days.push(day);
  }
  return days;
}

/** A version-4 UUID from the seeded random source, so that reruns produce the same IDs. */
function seededUuid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function assessmentFor(code: string, random: () => number): AssessmentResult | null {
  switch (code) {
    case 'GDPR-BASICS':
    case 'HACCP':
    case 'HAZMAT-STORAGE':
    case 'EXCEL-ADVANCED':
      return { score: 70 + Math.floor(random() * 31), passed: true };
    case 'GERMAN-B1':
    case 'ENGLISH-B2':
      return { grade: GRADES[Math.floor(random() * GRADES.length)], passed: true };
    case 'SHIFT-LEADERSHIP':
      return { grade: ['1,3', '1,7', '2,0', '2,3', '2,7'][Math.floor(random() * 5)], passed: true };
    default:
      return null;
  }
}

/** Every demo award, in an order that keeps each person's history together. */
export function planDemoAwards(
  people: readonly DemoPerson[],
  definitions: ReadonlyMap<string, DemoDefinition>,
  random: () => number,
): NewAward[] {
  const awards: NewAward[] = [];
  for (const person of people) {
    for (const code of credentialsFor(person, random)) {
      const definition = definitions.get(code);
      if (!definition) continue;
      const days = completionDays(definition, person, random);
      if (days.length === 0) continue;
      const plans = planCompletions(
        definition.validity,
        [],
        days.map((day) => ({ key: day, completedOn: day })),
        () => seededUuid(random),
        { allowRevokedDay: false },
      );
      const issued = plans.filter(
        (p): p is Extract<typeof p, { outcome: 'issue' | 'renew' }> =>
          p.outcome === 'issue' || p.outcome === 'renew',
      );
      for (const [i, plan] of issued.entries()) {
        const latest = i === issued.length - 1;
        const version =
          [...definition.versions].reverse().find((v) => v.publishedOn <= plan.completedOn) ??
          definition.versions[0];
        const revoked = latest && random() < 0.015;
        const revokedOn = addDays(plan.completedOn, 3 + Math.floor(random() * 40));
        awards.push({
          id: plan.id,
          staffId: person.id,
          definitionId: definition.id,
          definitionVersionId: version.id,
          issuedOn: plan.completedOn,
          validUntil: plan.renewal.validUntil,
          renewalOpensOn: plan.renewalOpensOn,
          countsFrom: plan.renewal.countsFrom,
          renewalTiming: plan.renewal.timing,
          issuer: random() < 0.7 ? 'Nordwind Akademie' : 'HR admin',
          assessmentResult: assessmentFor(code, random),
          evidenceId: null,
          status: revoked ? 'revoked' : plan.supersededById ? 'superseded' : 'active',
          source: 'seed',
          supersededById: plan.supersededById,
          renewalOfId: plan.supersedes?.id ?? null,
          revokedAt: revoked ? `${revokedOn < DEMO_TODAY ? revokedOn : DEMO_TODAY}T09:30:00Z` : null,
          revokedBy: revoked ? 'HR admin' : null,
          revokeReason: revoked ? REVOKE_REASONS[Math.floor(random() * REVOKE_REASONS.length)] : null,
          createdAt: `${plan.completedOn}T16:00:00Z`,
        });
      }
    }
  }
  return awards;
}
