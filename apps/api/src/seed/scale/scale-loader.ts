import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { idFor, isoDay } from './scale-random';
import type { ScaleAward, ScaleOrganisation, ScalePerson } from './scale-organisation';

/**
 * Writes a ScaleOrganisation into an empty, migrated database with one COPY per table, inside the caller's
 * transaction. People are derived again in each pass (staff, branch periods, role periods, awards, exemptions),
 * so memory stays flat whatever the size.
 */

export type Progress = (message: string) => void;

type Cell = string | number | boolean | null;

/** COPY text format: tab-separated, `\N` for null, backslash escapes. */
function line(cells: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (i > 0) out += '\t';
    if (c === null) out += '\\N';
    else if (typeof c === 'string') out += escapeText(c);
    else out += String(c);
  }
  return out + '\n';
}

function escapeText(s: string): string {
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

/** COPY `rows` into `table`; rows are produced lazily and sent in batches of about 1 MB. */
export async function copyRows(
  client: Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let batch = '';
    for (const row of rows) {
      batch += line(row);
      count++;
      if (batch.length > 1 << 20) {
        yield batch;
        batch = '';
      }
    }
    if (batch.length > 0) yield batch;
  }
  const target = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), target);
  return count;
}

const json = (value: unknown) => JSON.stringify(value);

export interface LoadCounts {
  regions: number;
  branches: number;
  roles: number;
  definitions: number;
  rules: number;
  staff: number;
  branchPeriods: number;
  rolePeriods: number;
  awards: number;
  exemptions: number;
}

export async function loadScaleOrganisation(
  client: Client,
  org: ScaleOrganisation,
  progress: Progress,
): Promise<LoadCounts> {
  const counts: Partial<LoadCounts> = {};
  const staffTotal = org.spec.staff;
  const people = function* (): Generator<ScalePerson> {
    for (let i = 0; i < staffTotal; i++) yield org.person(i);
  };
  const timed = async (label: string, work: () => Promise<number>) => {
    const started = Date.now();
    const n = await work();
    progress(`${label}: ${n.toLocaleString('en')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return n;
  };

  // ---- Organisation ----------------------------------------------------------------------------------------
  counts.regions = await timed('region', () =>
    copyRows(
      client,
      'region',
      ['id', 'code', 'name', 'parent_id', 'branch_count', 'branch_count_updated_at'],
      org.regions.map((r) => [
        r.id,
        r.code,
        r.name,
        r.parentId,
        org.branches.filter((b) => b.regionId === r.id).length,
        `${isoDay(org.today)}T00:00:00Z`,
      ]),
    ),
  );
  counts.branches = await timed('branch', () =>
    copyRows(
      client,
      'branch',
      ['id', 'code', 'name', 'country', 'timezone', 'region_id', 'status', 'version', 'locale', 'address'],
      org.branches.map((b) => [
        b.id,
        b.code,
        b.name,
        b.country.code,
        b.timezone,
        b.regionId,
        'active',
        1,
        b.country.locale,
        `${b.name}, ${b.country.name}`,
      ]),
    ),
  );
  await copyRows(
    client,
    'branch_region_period',
    ['id', 'branch_id', 'region_id', 'valid_from'],
    org.branches.map((b) => [
      idFor(org.seed, 'branch-region-period', b.index),
      b.id,
      b.regionId,
      '2000-01-01',
    ]),
  );
  counts.roles = await timed('job_role', () =>
    copyRows(
      client,
      'job_role',
      ['id', 'code', 'names', 'status'],
      org.roles.map((r) => [r.id, r.code, json(r.names), 'active']),
    ),
  );

  // ---- Catalogue ---------------------------------------------------------------------------------------------
  counts.definitions = await timed('credential_definition', () =>
    copyRows(
      client,
      'credential_definition',
      ['id', 'code', 'category', 'status', 'revision'],
      org.definitions.map((d) => [d.id, d.code, d.category, 'published', 1]),
    ),
  );
  await copyRows(
    client,
    'credential_definition_version',
    [
      'id',
      'definition_id',
      'version',
      'title',
      'description',
      'criteria',
      'learning_outcomes',
      'awarding_body_name',
      'awarding_body_country',
      'workload_hours',
      'eqf_level',
      'assessment_type',
      'participation_form',
      'quality_assurance',
      'validity_months',
      'recert_window_months',
      'recert_window_days',
      'expiry_basis',
      'published_at',
    ],
    org.definitions.map((d) => [
      d.versionId,
      d.id,
      1,
      json(d.title),
      json({ en: `Scale seed course: ${d.title.en}.`, de: `Kurs der Skalierungsdaten: ${d.title.de}.` }),
      json({ en: 'Attend the course and pass the test.', de: 'Kurs besuchen und Prüfung bestehen.' }),
      json({ en: [`Applies ${d.title.en.toLowerCase()} at work.`], de: [`Wendet ${d.title.de} an.`] }),
      'Brevet Scale Academy',
      'DE',
      4 + (d.index % 5) * 4,
      2 + (d.index % 3),
      'combined',
      'on_site',
      json({ en: 'Course content reviewed yearly.', de: 'Kursinhalte jährlich geprüft.' }),
      d.validityMonths,
      d.validityMonths === null ? 0 : 2,
      0,
      'completion',
      '2015-01-05T08:00:00Z',
    ]),
  );
  await client.query(
    `UPDATE credential_definition d SET current_version_id = v.id
       FROM credential_definition_version v WHERE v.definition_id = d.id`,
  );
  const definitionIds = org.definitions.map((d) => d.id);
  const roleIds = new Map(org.roles.map((r) => [r.code, r.id]));
  counts.rules = await timed('compliance_rule', () =>
    copyRows(
      client,
      'compliance_rule',
      [
        'id',
        'definition_id',
        'job_role_id',
        'area',
        'region_id',
        'branch_id',
        'due_days',
        'warning_days',
        'effective_from',
        'note',
        'version',
      ],
      org.rules.map((r) => [
        r.id,
        definitionIds[r.definitionIndex],
        r.roleCode === null ? null : (roleIds.get(r.roleCode) ?? null),
        r.area,
        r.regionId,
        r.branchId,
        r.dueDays,
        r.warningDays,
        isoDay(r.effectiveFrom),
        null,
        1,
      ]),
    ),
  );

  // ---- People, in passes -------------------------------------------------------------------------------------
  counts.staff = await timed('staff', () =>
    copyRows(
      client,
      'staff',
      [
        'id',
        'employee_number',
        'given_name',
        'family_name',
        'email',
        'preferred_language',
        'branch_id',
        'manager_id',
        'hire_date',
        'status',
        'left_on',
        'version',
      ],
      (function* () {
        for (const p of people()) {
          if (p.index > 0 && p.index % 20_000 === 0) progress(`  staff ${p.index.toLocaleString('en')}…`);
          yield [
            p.id,
            p.employeeNumber,
            p.givenName,
            p.familyName,
            p.email,
            p.language,
            p.branch.id,
            p.managerIndex === null ? null : org.staffId(p.managerIndex),
            isoDay(p.hire),
            p.status,
            p.leftOn === null ? null : isoDay(p.leftOn),
            1,
          ];
        }
      })(),
    ),
  );
  counts.branchPeriods = await timed('staff_branch_period', () =>
    copyRows(
      client,
      'staff_branch_period',
      ['id', 'staff_id', 'branch_id', 'valid_from', 'valid_to'],
      (function* () {
        for (const p of people())
          for (const [k, period] of p.branchPeriods.entries())
            yield [
              idFor(org.seed, 'branch-period', `${p.index}:${k}`),
              p.id,
              org.branches[period.key as number].id,
              isoDay(period.from),
              period.to === null ? null : isoDay(period.to),
            ];
      })(),
    ),
  );
  counts.rolePeriods = await timed('staff_role_period', () =>
    copyRows(
      client,
      'staff_role_period',
      ['id', 'staff_id', 'job_role_id', 'valid_from', 'valid_to'],
      (function* () {
        for (const p of people())
          for (const [k, period] of p.rolePeriods.entries())
            yield [
              idFor(org.seed, 'role-period', `${p.index}:${k}`),
              p.id,
              roleIds.get(period.key as string) ?? null,
              isoDay(period.from),
              period.to === null ? null : isoDay(period.to),
            ];
      })(),
    ),
  );
  let statusListIndex = 0;
  const revokedAt = `${isoDay(org.today - 30)}T10:00:00Z`;
  const awardRow = (p: ScalePerson, a: ScaleAward): Cell[] => [
    a.id,
    p.id,
    a.definition.id,
    a.definition.versionId,
    isoDay(a.issuedOn),
    a.validUntil === null ? null : isoDay(a.validUntil),
    a.validUntil === null ? null : isoDay(Math.max(a.issuedOn, a.validUntil - 61)),
    a.countsFrom,
    a.timing,
    'Brevet Scale Academy',
    a.status,
    'seed',
    a.status === 'revoked' ? revokedAt : null,
    a.status === 'revoked' ? 'HR Scale Seed' : null,
    a.status === 'revoked' ? 'Issued in error: the practical test was not taken.' : null,
    a.supersededById,
    a.renewalOfId,
    statusListIndex++,
  ];
  counts.awards = await timed('award', () =>
    copyRows(
      client,
      'award',
      [
        'id',
        'staff_id',
        'definition_id',
        'definition_version_id',
        'issued_on',
        'valid_until',
        'renewal_opens_on',
        'counts_from',
        'renewal_timing',
        'issuer',
        'status',
        'source',
        'revoked_at',
        'revoked_by',
        'revoke_reason',
        'superseded_by_id',
        'renewal_of_id',
        'status_list_index',
      ],
      (function* () {
        for (const p of people()) {
          if (p.index > 0 && p.index % 20_000 === 0)
            progress(`  awards of ${p.index.toLocaleString('en')} people…`);
          for (const a of org.awards(p)) yield awardRow(p, a);
        }
      })(),
    ),
  );
  // The Open Badges status list continues after the seeded awards.
  await client.query(`SELECT setval('award_status_list_seq', $1::int, false)`, [statusListIndex]);
  counts.exemptions = await timed('compliance_exemption', () =>
    copyRows(
      client,
      'compliance_exemption',
      ['id', 'staff_id', 'definition_id', 'reason', 'until', 'granted_by', 'version'],
      (function* () {
        for (const p of people())
          for (const [k, x] of org.exemptions(p).entries())
            yield [
              idFor(org.seed, 'exemption', `${p.index}:${k}`),
              p.id,
              x.definition.id,
              x.reason,
              isoDay(x.until),
              'HR Scale Seed',
              1,
            ];
      })(),
    ),
  );
  return counts as LoadCounts;
}
