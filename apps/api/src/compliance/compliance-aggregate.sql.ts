import { COUNT_COLUMNS, evaluationCtes, SHARED_CTES } from './compliance-evaluation.sql';

/**
 * The SQL of the materialised aggregates (compliance-aggregate.entity.ts; docs/compliance.md, "Materialised
 * aggregates"). Only ComplianceAggregateRepository uses it.
 *
 * A requirement's status depends on the day only through comparisons of the day with its own dates (due day,
 * the award's issue and last valid day, the exemption's end, the days its rules take effect). So the engine
 * (compliance-evaluation.sql.ts) runs once per change, not per question, and writes one row per requirement
 * with those dates (`compliance_requirement`); the status on any day is the `CASE` below, the same decision as
 * the engine's `status` CTE. On top, `compliance_cell` keeps the counts per branch × credential for the branch's
 * day, with the last day they hold (`valid_through`): the day before the first of those dates after it.
 */

/** Whether requirement row `r` counts on day `t` (the rules behind it have taken effect, no later row took over). */
export const liveOn = (r: string, t: string): string =>
  `(${r}.from_day <= ${t} AND (${r}.to_day IS NULL OR ${r}.to_day > ${t}))`;

const inForce = (r: string, t: string) =>
  `(${r}.issued_on <= ${t} AND (${r}.valid_until IS NULL OR ${r}.valid_until >= ${t}))`;

/** The status of requirement row `r` on day `t`: the engine's `CASE`, first match wins. */
export const statusOn = (r: string, t: string): string => `CASE
      WHEN ${r}.exempt_until >= ${t} THEN 'exempt'
      WHEN ${inForce(r, t)} THEN
        CASE WHEN ${r}.valid_until IS NOT NULL AND ${t} >= ${r}.valid_until - ${r}.warning_days
             THEN 'expiring' ELSE 'compliant' END
      WHEN ${t} <= ${r}.due_on THEN 'missing_in_grace'
      WHEN ${r}.valid_until < ${t} THEN 'expired'
      ELSE 'missing_overdue'
    END`;

/** Whether the award of row `r` is shown on day `t`: in force, or expired (the engine's `in_force OR lapsed`). */
export const awardShownOn = (r: string, t: string): string => `(${inForce(r, t)} OR ${r}.valid_until < ${t})`;

/**
 * The first day after `t` on which row `r` can change status or start or stop counting; null if never. Every
 * comparison in `statusOn` and `liveOn` flips on one of these days, and on no other.
 */
export const nextChangeAfter = (r: string, t: string): string => `LEAST(
      CASE WHEN ${r}.from_day > ${t} THEN ${r}.from_day END,
      CASE WHEN ${r}.to_day > ${t} THEN ${r}.to_day END,
      CASE WHEN ${r}.exempt_until >= ${t} THEN ${r}.exempt_until + 1 END,
      CASE WHEN ${r}.issued_on > ${t} THEN ${r}.issued_on END,
      CASE WHEN ${r}.valid_until - ${r}.warning_days > ${t} THEN ${r}.valid_until - ${r}.warning_days END,
      CASE WHEN ${r}.valid_until >= ${t} THEN ${r}.valid_until + 1 END,
      CASE WHEN ${r}.due_on >= ${t} THEN ${r}.due_on + 1 END)`;

/** A branch's day at the instant `now` (a timestamptz placeholder), over branch `b`. */
export const branchToday = (now: string, b = 'b'): string =>
  `(${now}::timestamptz AT TIME ZONE ${b}.timezone)::date`;

/** Whether cell `c` holds on day `t`. */
export const cellHoldsOn = (c: string, t: string): string =>
  `(${c}.counted_on IS NOT NULL AND ${c}.counted_on <= ${t} AND (${c}.valid_through IS NULL OR ${t} <= ${c}.valid_through))`;

export const REQUIREMENT_COLUMNS =
  'staff_id, definition_id, from_day, to_day, branch_id, due_on, warning_days, award_id, issued_on, valid_until, exemption_id, exempt_until, job_role_ids';

/** Marks the cells of the (branch_id, definition_id) rows of relation `touched` for recounting. */
const markCells = (touched: string) => `
  INSERT INTO compliance_cell (branch_id, definition_id)
  SELECT DISTINCT branch_id, definition_id FROM ${touched}
  ON CONFLICT (branch_id, definition_id) DO UPDATE SET counted_on = NULL`;

/** Deletes the requirement rows matching `where` (over `r`) and marks their cells. */
export function deleteRequirementsSql(where: string): string {
  return `WITH gone AS (DELETE FROM compliance_requirement r WHERE ${where} RETURNING r.branch_id, r.definition_id)
  ${markCells('gone')}`;
}

/**
 * Evaluates `rules` (a relation with RULE_COLUMNS) for the people matching `staffWhere` (over `s`, `b`) and
 * inserts their requirement rows, marking the cells they land in. The engine runs with `now` = infinity, so that
 * every rule counts whatever its effective-from day; its `pairs` (one row per person and rule) are then split
 * into stretches: from each effective-from day on, the earliest due day and the widest warning window of the
 * rules in effect by then. A stretch that changes neither is merged into the one before.
 * `exemptionsWhere` narrows the exemptions looked at (over `x`), e.g. to the credentials rebuilt.
 */
export function insertRequirementsSql(
  rules: string,
  staffWhere: readonly string[],
  exemptionsWhere: string,
): string {
  return `WITH RECURSIVE ${SHARED_CTES},
  ${evaluationCtes({ prefix: 'm_', rules, now: `'infinity'`, staffWhere })},
  m_steps AS (
    SELECT DISTINCT staff_id, branch_id, definition_id, effective_from AS from_day,
           min(due_on) OVER w AS due_on, max(warning_days) OVER w AS warning_days
      FROM m_pairs
    WINDOW w AS (PARTITION BY staff_id, definition_id ORDER BY effective_from)
  ),
  m_kept AS (
    SELECT staff_id, branch_id, definition_id, from_day, due_on, warning_days
      FROM (SELECT st.*, lag(st.due_on) OVER w AS prev_due, lag(st.warning_days) OVER w AS prev_warning
              FROM m_steps st
            WINDOW w AS (PARTITION BY st.staff_id, st.definition_id ORDER BY st.from_day)) k
     WHERE prev_due IS NULL OR prev_due <> due_on OR prev_warning <> warning_days
  ),
  m_rows AS (
    SELECT k.*, lead(k.from_day) OVER (PARTITION BY k.staff_id, k.definition_id ORDER BY k.from_day) AS to_day
      FROM m_kept k
  ),
  m_exempt AS (
    SELECT DISTINCT ON (x.staff_id, x.definition_id) x.staff_id, x.definition_id, x.id, x.until
      FROM compliance_exemption x
     WHERE x.staff_id IN (SELECT staff_id FROM m_staff) AND ${exemptionsWhere}
     ORDER BY x.staff_id, x.definition_id, x.until DESC, x.id
  ),
  m_roles AS (
    SELECT f.staff_id, array_agg(DISTINCT f.job_role_id ORDER BY f.job_role_id) AS job_role_ids
      FROM staff_role_period f
     WHERE f.valid_to IS NULL AND f.staff_id IN (SELECT staff_id FROM m_staff)
     GROUP BY f.staff_id
  ),
  fresh AS (
    INSERT INTO compliance_requirement (${REQUIREMENT_COLUMNS})
    SELECT q.staff_id, q.definition_id, q.from_day, q.to_day, q.branch_id, q.due_on, q.warning_days,
           a.id, a.issued_on, a.valid_until, e.id, e.until, COALESCE(j.job_role_ids, '{}')
      FROM m_rows q
      LEFT JOIN award a ON a.staff_id = q.staff_id AND a.definition_id = q.definition_id AND a.status = 'active'
      LEFT JOIN m_exempt e ON e.staff_id = q.staff_id AND e.definition_id = q.definition_id
      LEFT JOIN m_roles j ON j.staff_id = q.staff_id
     -- Rows of a cell next to each other: counting a cell then reads few pages.
     ORDER BY q.branch_id, q.definition_id
    RETURNING branch_id, definition_id
  )
  ${markCells('fresh')}`;
}

/** Marks for recounting the cells whose counts do not hold on their branch's day at `now`. */
export function markOutdatedCellsSql(now: string): string {
  return `UPDATE compliance_cell c SET counted_on = NULL
      FROM branch b
     WHERE b.id = c.branch_id AND c.counted_on IS NOT NULL AND NOT ${cellHoldsOn('c', branchToday(now))}`;
}

/** The requirement rows of the cells marked for recounting, with their branch's day `today` at `now`. */
const uncountedRows = (now: string) => `
      SELECT c.branch_id, c.definition_id, ${branchToday(now)} AS today
        FROM compliance_cell c JOIN branch b ON b.id = c.branch_id
       WHERE c.counted_on IS NULL`;

/** Replaces the role split of the cells marked for recounting (step 1: delete). */
export const DELETE_UNCOUNTED_ROLE_CELLS = `DELETE FROM compliance_role_cell rc USING compliance_cell c
     WHERE c.counted_on IS NULL AND rc.branch_id = c.branch_id AND rc.definition_id = c.definition_id`;

/** Replaces the role split of the cells marked for recounting (step 2: insert). */
export function insertUncountedRoleCellsSql(now: string): string {
  return `INSERT INTO compliance_role_cell
           (branch_id, definition_id, job_role_id, total, compliant, expiring, expired, missing_overdue, missing_in_grace, exempt)
    SELECT x.branch_id, x.definition_id, x.job_role_id, ${COUNT_COLUMNS}
      FROM (SELECT r.branch_id, r.definition_id, unnest(r.job_role_ids) AS job_role_id,
                   ${statusOn('r', 'u.today')} AS status
              FROM (${uncountedRows(now)}) u
              JOIN compliance_requirement r ON r.branch_id = u.branch_id AND r.definition_id = u.definition_id
             WHERE ${liveOn('r', 'u.today')}) x
     GROUP BY x.branch_id, x.definition_id, x.job_role_id`;
}

/** Counts the cells marked for recounting (step 3, last: it clears the mark); drops cells left without rows. */
export function countUncountedCellsSql(now: string): string {
  return `WITH u AS MATERIALIZED (${uncountedRows(now)}),
    x AS (
      SELECT u.branch_id, u.definition_id, u.today, r.staff_id,
             CASE WHEN ${liveOn('r', 'u.today')} THEN ${statusOn('r', 'u.today')} END AS status,
             ${nextChangeAfter('r', 'u.today')} AS next_change
        FROM u LEFT JOIN compliance_requirement r ON r.branch_id = u.branch_id AND r.definition_id = u.definition_id
    ),
    counted AS (
      SELECT branch_id, definition_id, today, count(staff_id) AS row_count, count(status) AS total,
             count(*) FILTER (WHERE status = 'compliant') AS compliant,
             count(*) FILTER (WHERE status = 'expiring') AS expiring,
             count(*) FILTER (WHERE status = 'expired') AS expired,
             count(*) FILTER (WHERE status = 'missing_overdue') AS missing_overdue,
             count(*) FILTER (WHERE status = 'missing_in_grace') AS missing_in_grace,
             count(*) FILTER (WHERE status = 'exempt') AS exempt,
             min(next_change) AS next_change
        FROM x GROUP BY branch_id, definition_id, today
    ),
    gone AS (
      DELETE FROM compliance_cell c USING counted k
       WHERE k.row_count = 0 AND c.branch_id = k.branch_id AND c.definition_id = k.definition_id
      RETURNING c.branch_id
    ),
    kept AS (
      UPDATE compliance_cell c
         SET counted_on = k.today, valid_through = k.next_change - 1, total = k.total, compliant = k.compliant,
             expiring = k.expiring, expired = k.expired, missing_overdue = k.missing_overdue,
             missing_in_grace = k.missing_in_grace, exempt = k.exempt
        FROM counted k
       WHERE k.row_count > 0 AND c.branch_id = k.branch_id AND c.definition_id = k.definition_id
      RETURNING c.branch_id
    )
    SELECT COALESCE(array_agg(DISTINCT branch_id::text), '{}') AS branches, count(*)::int AS cells
      FROM (SELECT branch_id FROM gone UNION ALL SELECT branch_id FROM kept) t`;
}

/** Sums the cells of the branches `$1` (uuid[]) into compliance_branch_total (step 4, after the cells). */
export const COUNT_BRANCH_TOTALS = `WITH summed AS (
      SELECT c.branch_id, max(c.counted_on) AS counted_on, min(c.valid_through) AS valid_through,
             sum(c.total) AS total, sum(c.compliant) AS compliant, sum(c.expiring) AS expiring,
             sum(c.expired) AS expired, sum(c.missing_overdue) AS missing_overdue,
             sum(c.missing_in_grace) AS missing_in_grace, sum(c.exempt) AS exempt,
             COALESCE(array_agg(c.definition_id ORDER BY c.definition_id) FILTER (WHERE c.total > 0), '{}') AS definition_ids
        FROM compliance_cell c WHERE c.branch_id = ANY($1::uuid[]) GROUP BY c.branch_id
    ),
    gone AS (
      DELETE FROM compliance_branch_total t
       WHERE t.branch_id = ANY($1::uuid[]) AND t.branch_id NOT IN (SELECT branch_id FROM summed)
    )
    INSERT INTO compliance_branch_total AS t
           (branch_id, counted_on, valid_through, total, compliant, expiring, expired, missing_overdue,
            missing_in_grace, exempt, definition_ids)
    SELECT * FROM summed
    ON CONFLICT (branch_id) DO UPDATE SET counted_on = excluded.counted_on, valid_through = excluded.valid_through,
      total = excluded.total, compliant = excluded.compliant, expiring = excluded.expiring,
      expired = excluded.expired, missing_overdue = excluded.missing_overdue,
      missing_in_grace = excluded.missing_in_grace, exempt = excluded.exempt, definition_ids = excluded.definition_ids`;
