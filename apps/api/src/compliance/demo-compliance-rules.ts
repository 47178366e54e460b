import type { RuleArea } from '@brevet/contracts';

/**
 * The requirement rules of the demo company Nordwind Logistik, by code (credential definitions, job roles,
 * regions and branches of apps/api/src/seed). What a logistics company in DE/AT/CH/PL really asks of its
 * people: everyone gets the yearly safety instruction and data protection basics; forklift drivers need the
 * licence and the yearly instruction (DGUV Vorschrift 68); first aiders their first-aid course; shift leads
 * fire warden training; drivers ADR, Code 95 and load securing; warehouse staff at the cold-chain sites HACCP.
 * The hazardous-goods rule for Germany North took effect on 1 September 2026, so on the demo's "today"
 * (2026-11-01) its newcomers are still in their grace period.
 */
export interface DemoComplianceRule {
  credential: string;
  /** Null: everyone. */
  jobRole: string | null;
  area: RuleArea;
  /** Region or branch code, with `area` region or branch. */
  place: string | null;
  dueDays: number;
  warningDays: number;
  effectiveFrom: string;
  note: string | null;
}

/** Sites with a cold-chain food business (as in demo-awards.ts). */
const FOOD_BRANCHES = ['DE-HAM-01', 'DE-BRE-01', 'AT-VIE-01', 'PL-POZ-01'];

const everyone = (
  credential: string,
  dueDays: number,
  warningDays: number,
  note: string,
): DemoComplianceRule => ({
  credential,
  jobRole: null,
  area: 'company',
  place: null,
  dueDays,
  warningDays,
  effectiveFrom: '2019-01-01',
  note,
});

const role = (
  jobRole: string,
  credential: string,
  dueDays: number,
  warningDays: number,
  note: string | null = null,
): DemoComplianceRule => ({
  credential,
  jobRole,
  area: 'company',
  place: null,
  dueDays,
  warningDays,
  effectiveFrom: '2019-01-01',
  note,
});

export const DEMO_COMPLIANCE_RULES: readonly DemoComplianceRule[] = [
  everyone('WORK-SAFETY', 30, 60, 'Yearly safety instruction for everyone (ArbSchG § 12).'),
  everyone('GDPR-BASICS', 30, 60, 'Data protection basics for everyone (GDPR Art. 39).'),
  role(
    'FORKLIFT',
    'FORKLIFT-LICENCE',
    0,
    0,
    'No forklift driving without the licence (DGUV Grundsatz 308-001).',
  ),
  role('FORKLIFT', 'FORKLIFT-SAFETY', 30, 60, 'Yearly instruction (DGUV Vorschrift 68).'),
  role('FIRST-AIDER', 'FIRST-AID', 60, 90, 'First aiders per site (DGUV Vorschrift 1 § 26).'),
  role('SHIFT-LEAD', 'FIRE-WARDEN', 90, 90, 'Fire wardens on every shift (ASR A2.2).'),
  role('DRIVER', 'ADR-BASIC', 30, 90),
  role('DRIVER', 'CODE95', 0, 90, 'Required to drive commercially (BKrFQG).'),
  role('DRIVER', 'LOAD-SECURING', 60, 60),
  role('BRANCH-MGR', 'SHIFT-LEADERSHIP', 180, 0),
  ...FOOD_BRANCHES.flatMap((branch) =>
    ['WAREHOUSE', 'FORKLIFT'].map((jobRole): DemoComplianceRule => ({
      credential: 'HACCP',
      jobRole,
      area: 'branch',
      place: branch,
      dueDays: 30,
      warningDays: 30,
      effectiveFrom: '2019-01-01',
      note: 'Cold-chain food handling at this site (Regulation (EC) No 852/2004).',
    })),
  ),
  {
    credential: 'HAZMAT-STORAGE',
    jobRole: 'WAREHOUSE',
    area: 'region',
    place: 'DE-NORTH',
    dueDays: 90,
    warningDays: 60,
    effectiveFrom: '2026-09-01',
    note: 'Port sites store hazardous goods since autumn 2026 (TRGS 510).',
  },
];
