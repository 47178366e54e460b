import {
  evaluationCtes,
  RULE_COLUMNS,
  SHARED_CTES,
  type EvaluationSources,
} from './compliance-evaluation.sql';

/**
 * Daily compliance counts for a range of past days, computed by the compliance engine
 * (compliance-evaluation.sql.ts) over the world as it stood on each day. Only ComplianceSnapshotRepository
 * uses it; docs/compliance.md ("Trends") explains the why.
 *
 * The engine evaluates one row per person. Here a "person" is a (person, day) pair with a key of its own
 * (`staff_id` in every stand-in is that key), so the unchanged engine evaluates many days in one statement:
 *
 * - `asof_people`: who worked where on the day: the branch period that covers it. People who have left (from
 *   `left_on` on) do not count, as in the live engine. `today` is the day itself.
 * - `asof_branch_periods` / `asof_role_periods`: the periods that had begun by the day, the one covering the
 *   day open (`valid_to` null): later changes are unknown. So runs, due days and roles are as of the day.
 * - `asof_awards`: the person's current award on the day: the latest issued on or before it (a renewal
 *   replaces its predecessor on its issue day), unless it had been revoked by then (the revocation's day in
 *   the branch's zone). It goes in as `status = 'active'`, so the engine's in-force / expired test applies.
 * - `asof_exemptions`: exemptions granted (created) by the day; the engine checks `until` itself.
 *
 * Rules are today's, from their effective-from day on, as in the live engine (rules apply retroactively), and
 * which regions a branch lies in follows today's tree, also as in the live engine.
 *
 * **Change days.** Evaluating every person on every day repeats the same answer ~365 times a year. A person's
 * statuses can only change on a day when an input changes or a threshold is crossed, so the engine runs only
 * on each person's change days in the range (plus the first day), and each answer holds until the person's
 * next change day. The change days are a superset, computed from the data alone:
 * - period starts and ends (branch and role), the leaving day, every rule's effective-from day;
 * - the day after a due day: (hire day, any period start, or a rule's effective-from) + a rule's due days + 1;
 * - per award: its issue day, its successor's issue day, the day after its last valid day, the first day of
 *   each warning window a rule for its credential gives (valid until − warning days), and the revocation day
 *   (± 1, as its day depends on the branch's zone);
 * - per exemption: the day it was granted (± 1) and the day after it ends.
 * Between two change days nothing the engine reads or compares with `today` changes, so the answer is the
 * same on every day in between. `everyDay` evaluates every day instead; a test holds both to the same counts.
 */
export const ASOF_SOURCES: EvaluationSources = {
  staff: 'asof_people',
  branchPeriods: 'asof_branch_periods',
  rolePeriods: 'asof_role_periods',
  awards: 'asof_awards',
  exemptions: 'asof_exemptions',
};

export interface SnapshotRangeSql {
  /** Placeholder of the first day (a date parameter). */
  from: string;
  /** Placeholder of the last day (a date parameter), inclusive. */
  to: string;
  /** Evaluate every person on every day instead of on their change days (for tests). */
  everyDay?: boolean;
}

const STATUS_COLUMNS: ReadonlyArray<[column: string, status: string | null]> = [
  ['total', null],
  ['compliant', 'compliant'],
  ['expiring', 'expiring'],
  ['expired', 'expired'],
  ['missing_overdue', 'missing_overdue'],
  ['missing_in_grace', 'missing_in_grace'],
  ['exempt', 'exempt'],
];

/**
 * A `WITH RECURSIVE … SELECT` of the counts per (day, branch, credential) for every day of the range with any
 * requirement: columns day, branch_id, definition_id, total, compliant, expiring, expired, missing_overdue,
 * missing_in_grace, exempt.
 *
 * Each evaluated requirement holds from its change day up to the person's next one. Rather than expanding
 * every such span into days, each span adds one at its start and removes one at its end; a running sum per
 * (branch, credential) over those steps gives the counts from each step to the next, written out for every day
 * in between.
 */
export function snapshotCountsSql(range: SnapshotRangeSql): string {
  const last = `${range.to}::date`;
  const sums = STATUS_COLUMNS.map(([column, status]) =>
    status === null
      ? `sum(e.step) AS ${column}`
      : `COALESCE(sum(e.step) FILTER (WHERE e.status = '${status}'), 0) AS ${column}`,
  ).join(', ');
  const running = STATUS_COLUMNS.map(([column]) => `(sum(x.${column}) OVER running)::int AS ${column}`).join(
    ', ',
  );
  return `WITH RECURSIVE ${SHARED_CTES},
  ${asOfCtes(range)},
  ${evaluationCtes({
    prefix: 'snap_',
    rules: `SELECT ${RULE_COLUMNS} FROM compliance_rule`,
    now: 'NULL',
    staffWhere: [],
    sources: ASOF_SOURCES,
  })},
  snap_spans AS MATERIALIZED (
    SELECT p.today AS first_day, p.until_day, q.branch_id, q.definition_id, q.status
      FROM snap_status q JOIN asof_people p ON p.staff_id = q.staff_id
  ),
  snap_steps AS MATERIALIZED (
    SELECT e.day, e.branch_id, e.definition_id, ${sums}
      FROM (SELECT first_day AS day, branch_id, definition_id, status, 1 AS step FROM snap_spans
            UNION ALL
            SELECT until_day, branch_id, definition_id, status, -1 FROM snap_spans WHERE until_day <= ${last}) e
     GROUP BY e.day, e.branch_id, e.definition_id
  ),
  snap_levels AS (
    SELECT x.branch_id, x.definition_id, x.day, lead(x.day) OVER running AS next_day, ${running}
      FROM snap_steps x
    WINDOW running AS (PARTITION BY x.branch_id, x.definition_id ORDER BY x.day)
  )
  SELECT d.day::date AS day, l.branch_id, l.definition_id, ${STATUS_COLUMNS.map(([c]) => `l.${c}`).join(', ')}
    FROM snap_levels l
   CROSS JOIN LATERAL generate_series(l.day, COALESCE(l.next_day, ${last} + 1) - 1, interval '1 day') AS d(day)
   WHERE l.total > 0`;
}

/** The stand-ins' CTEs for the days of `range`. Put them before the evaluation's CTEs. */
export function asOfCtes({ from, to, everyDay = false }: SnapshotRangeSql): string {
  const first = `${from}::date`;
  const last = `${to}::date`;
  return `
  asof_award_spans AS MATERIALIZED (
    SELECT a.id, a.staff_id AS person_id, a.definition_id, a.issued_on, a.valid_until,
           (a.revoked_at AT TIME ZONE 'UTC')::date AS revoked_utc, a.revoked_at,
           lead(a.issued_on) OVER (PARTITION BY a.staff_id, a.definition_id ORDER BY a.issued_on, a.created_at, a.id)
             AS next_issued_on
      FROM award a
     WHERE a.definition_id IN (SELECT r.definition_id FROM compliance_rule r)
  ),
  asof_change AS MATERIALIZED (
    SELECT DISTINCT c.person_id, c.day FROM (
      SELECT s.id AS person_id, x.day
        FROM staff s
       CROSS JOIN (SELECT ${first} AS day
                   UNION SELECT r.effective_from FROM compliance_rule r
                   UNION SELECT r.effective_from + r.due_days + 1 FROM compliance_rule r) x
      UNION ALL
      SELECT s.id, s.left_on FROM staff s WHERE s.left_on IS NOT NULL
      UNION ALL
      SELECT bp.staff_id, v.day FROM staff_branch_period bp
       CROSS JOIN LATERAL (VALUES (bp.valid_from), (bp.valid_to)) AS v(day)
      UNION ALL
      SELECT rp.staff_id, v.day FROM staff_role_period rp
       CROSS JOIN LATERAL (VALUES (rp.valid_from), (rp.valid_to)) AS v(day)
      UNION ALL
      SELECT st.person_id, st.start + dd.due_days + 1
        FROM (SELECT s.id AS person_id, s.hire_date AS start FROM staff s
              UNION SELECT bp.staff_id, bp.valid_from FROM staff_branch_period bp
              UNION SELECT rp.staff_id, rp.valid_from FROM staff_role_period rp) st
       CROSS JOIN (SELECT DISTINCT r.due_days FROM compliance_rule r) dd
      UNION ALL
      SELECT w.person_id, v.day FROM asof_award_spans w
       CROSS JOIN LATERAL (VALUES (w.issued_on), (w.next_issued_on), (w.valid_until + 1),
                                  (w.revoked_utc - 1), (w.revoked_utc), (w.revoked_utc + 1)) AS v(day)
      UNION ALL
      SELECT w.person_id, w.valid_until - r.warning_days
        FROM asof_award_spans w JOIN compliance_rule r ON r.definition_id = w.definition_id
      UNION ALL
      SELECT x.staff_id, v.day FROM compliance_exemption x
       CROSS JOIN LATERAL (VALUES ((x.created_at AT TIME ZONE 'UTC')::date - 1), ((x.created_at AT TIME ZONE 'UTC')::date),
                                  ((x.created_at AT TIME ZONE 'UTC')::date + 1), (x.until + 1)) AS v(day)
      ${everyDay ? `UNION ALL SELECT s.id, d.day::date FROM staff s CROSS JOIN generate_series(${first}, ${last}, interval '1 day') AS d(day)` : ''}
    ) c
    WHERE c.day BETWEEN ${first} AND ${last}
  ),
  asof_segments AS MATERIALIZED (
    SELECT person_id, day, COALESCE(lead(day) OVER (PARTITION BY person_id ORDER BY day), ${last} + 1) AS until_day
      FROM asof_change
  ),
  asof_people AS MATERIALIZED (
    SELECT (row_number() OVER ())::bigint AS staff_id, x.person_id, x.hire_date, x.branch_id, x.today, x.until_day,
           x.timezone
      FROM (SELECT DISTINCT ON (g.person_id, g.day)
                   g.person_id, s.hire_date, bp.branch_id, g.day AS today, g.until_day, b.timezone
              FROM asof_segments g
              JOIN staff s ON s.id = g.person_id
              JOIN staff_branch_period bp ON bp.staff_id = g.person_id AND bp.valid_from <= g.day
                                         AND (bp.valid_to IS NULL OR bp.valid_to > g.day)
              JOIN branch b ON b.id = bp.branch_id
             WHERE NOT (s.status = 'left' AND COALESCE(s.left_on <= g.day, true))
             ORDER BY g.person_id, g.day, bp.valid_from DESC) x
  ),
  asof_branch_periods AS (
    SELECT p.staff_id, bp.branch_id, bp.valid_from,
           CASE WHEN bp.valid_to > p.today THEN NULL ELSE bp.valid_to END AS valid_to
      FROM asof_people p
      JOIN staff_branch_period bp ON bp.staff_id = p.person_id AND bp.valid_from <= p.today
  ),
  asof_role_periods AS (
    SELECT p.staff_id, rp.job_role_id, rp.valid_from,
           CASE WHEN rp.valid_to > p.today THEN NULL ELSE rp.valid_to END AS valid_to
      FROM asof_people p
      JOIN staff_role_period rp ON rp.staff_id = p.person_id AND rp.valid_from <= p.today
  ),
  asof_awards AS (
    SELECT p.staff_id, w.definition_id, w.id, 'active'::varchar AS status, w.issued_on, w.valid_until
      FROM asof_people p
      JOIN asof_award_spans w ON w.person_id = p.person_id AND w.issued_on <= p.today
     WHERE (w.next_issued_on IS NULL OR w.next_issued_on > p.today)
       AND (w.revoked_at IS NULL OR (w.revoked_at AT TIME ZONE p.timezone)::date > p.today)
  ),
  asof_exemptions AS (
    SELECT p.staff_id, x.definition_id, x.id, x.until, x.reason
      FROM asof_people p
      JOIN compliance_exemption x ON x.staff_id = p.person_id
     WHERE (x.created_at AT TIME ZONE p.timezone)::date <= p.today
  )`;
}
