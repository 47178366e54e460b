/**
 * The compliance engine in SQL: the same decision as `evaluateCompliance` in @brevet/domain
 * (libs/domain/src/lib/compliance), set-based over every person in view. Only ComplianceRepository uses it; an
 * integration test (compliance-equivalence.int-spec.ts) holds the two to the same answers on random data.
 *
 * The text is built from CTEs so that one evaluation can run twice in one statement with different rule sets
 * (the impact preview compares "before" and "after"). The steps, per person in view (`staff`: not left, with
 * their current branch and `today` in that branch's time zone):
 *
 * 1. `area_periods`: each of their branch periods once per area it lies in (the company, the branch, each region
 *    above the branch), kept only for areas some rule uses. Rules and areas meet on (area, place_key).
 * 2. `area_runs`: per area, the first day of the unbroken run of periods that ends in the open period
 *    (`lag(valid_to) IS DISTINCT FROM valid_from` marks where a run starts; the latest start is the run's);
 *    areas without an open period are dropped: the person is not there now.
 * 3. `role_runs`: the same over role periods, for roles some rule names.
 * 4. `pairs`: every rule in effect on the person's today whose area they are in and whose role they hold (or
 *    that is for everyone); due day = the latest of hire day, effective-from, area run start and role run
 *    start, plus the due days.
 * 5. `req`: one row per (person, credential): the earliest due day and the widest warning window.
 * 6. `status`: joined with the person's active award (at most one per credential: `uq_award_active`) and the
 *    exemption that runs longest, then the status, first match wins, as in `requirementStatus`.
 *
 * Every join is on equality over indexed columns (periods by staff, awards by staff and credential, exemptions
 * by staff, credential and day), and nothing loops per person. Cost grows with the number of (person, area)
 * runs and (person, credential) requirements.
 */

/** The place key of company-wide rules (regions and branches use their ID), so rules join on equality. */
const NO_PLACE = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** The columns a rules relation must have, in this order. */
export const RULE_COLUMNS =
  'id, definition_id, job_role_id, area, region_id, branch_id, due_days, warning_days, effective_from';

/**
 * CTEs every evaluation shares (no prefix): `region_up` (each region with itself and every region above it),
 * `branch_area` (each branch with every region it lies in) and `branch_keys` (each branch with every area it lies
 * in: the company, itself, its regions). They need `WITH RECURSIVE`.
 */
export const SHARED_CTES = `
  region_up AS (
    SELECT r.id AS region_id, r.id AS ancestor_id, r.parent_id, 0 AS depth FROM region r
    UNION ALL
    SELECT u.region_id, p.id, p.parent_id, u.depth + 1
      FROM region_up u JOIN region p ON p.id = u.parent_id
     WHERE u.depth < 64
  ),
  branch_area AS MATERIALIZED (
    SELECT b.id AS branch_id, u.ancestor_id AS region_id FROM branch b JOIN region_up u ON u.region_id = b.region_id
  ),
  branch_keys AS MATERIALIZED (
    SELECT b.id AS branch_id, 'company'::text AS area, ${NO_PLACE} AS place_key FROM branch b
    UNION ALL SELECT b.id, 'branch', b.id FROM branch b
    UNION ALL SELECT ba.branch_id, 'region', ba.region_id FROM branch_area ba
  )`;

export interface EvaluationSql {
  /** Prefix of this evaluation's CTE names, e.g. `e_` or `after_`. */
  prefix: string;
  /** A relation with RULE_COLUMNS: the rules to evaluate. */
  rules: string;
  /** Placeholder of the instant "today" is taken from (a timestamptz parameter). */
  now: string;
  /** Extra conditions on the people evaluated, over `s` (staff) and `b` (their current branch). */
  staffWhere: readonly string[];
  /**
   * Relations (CTE names) that stand in for the tables, to evaluate the world as it stood on past days
   * (compliance-snapshot.sql.ts). Absent for the live evaluation, whose SQL is then exactly as without them.
   */
  sources?: EvaluationSources;
}

/**
 * Stand-ins for the tables the engine reads, each with the columns it reads. `staff_id` is whatever key the
 * stand-ins share (e.g. one per person and day); `staff` replaces the whole selection of people, `staffWhere`
 * included.
 */
export interface EvaluationSources {
  /** staff_id, hire_date, branch_id, today. */
  staff: string;
  /** staff_id, branch_id, valid_from, valid_to (null: open). */
  branchPeriods: string;
  /** staff_id, job_role_id, valid_from, valid_to (null: open). */
  rolePeriods: string;
  /** staff_id, definition_id, id, status, issued_on, valid_until. */
  awards: string;
  /** staff_id, definition_id, id, until, reason. */
  exemptions: string;
}

/**
 * The CTEs of one evaluation, ending in `<prefix>status` with the columns: staff_id, branch_id, today,
 * definition_id, due_on, warning_days, award_id, issued_on, valid_until, exemption_id, exempt_until,
 * exemption_reason, status. Put after SHARED_CTES in a `WITH RECURSIVE` list. The materialised aggregates
 * (compliance-aggregate.sql.ts) read `<prefix>pairs` instead, one row per (person, rule) with the rule's
 * `effective_from`, evaluated with `now` = 'infinity' so that rules taking effect later are included too.
 */
export function evaluationCtes({ prefix: p, rules, now, staffWhere, sources }: EvaluationSql): string {
  const where = ["s.status <> 'left'", ...staffWhere].join(' AND ');
  const people = sources
    ? `SELECT staff_id, hire_date, branch_id, today FROM ${sources.staff}`
    : `SELECT s.id AS staff_id, s.hire_date, s.branch_id, (${now}::timestamptz AT TIME ZONE b.timezone)::date AS today
      FROM staff s JOIN branch b ON b.id = s.branch_id
     WHERE ${where}`;
  return `
  ${p}rules AS MATERIALIZED (
    SELECT rules_source.*, COALESCE(rules_source.region_id, rules_source.branch_id, ${NO_PLACE}) AS place_key
      FROM (SELECT ${RULE_COLUMNS} FROM (${rules}) AS rules_given) AS rules_source
  ),
  ${p}staff AS MATERIALIZED (
    ${people}
  ),
  ${p}area_periods AS (
    SELECT st.staff_id, st.hire_date, st.branch_id, st.today, k.area, k.place_key, bp.valid_from, bp.valid_to
      FROM ${p}staff st
      JOIN ${sources?.branchPeriods ?? 'staff_branch_period'} bp ON bp.staff_id = st.staff_id
      JOIN branch_keys k ON k.branch_id = bp.branch_id
     WHERE (k.area, k.place_key) IN (SELECT r.area, r.place_key FROM ${p}rules r)
  ),
  ${p}area_runs AS MATERIALIZED (
    SELECT staff_id, hire_date, branch_id, today, area, place_key,
           MAX(valid_from) FILTER (WHERE run_starts) AS since
      FROM (SELECT ap.*, lag(ap.valid_to) OVER (PARTITION BY ap.staff_id, ap.area, ap.place_key ORDER BY ap.valid_from)
                           IS DISTINCT FROM ap.valid_from AS run_starts
              FROM ${p}area_periods ap) w
     GROUP BY staff_id, hire_date, branch_id, today, area, place_key
    HAVING bool_or(valid_to IS NULL)
  ),
  ${p}role_runs AS (
    SELECT staff_id, job_role_id, MAX(valid_from) FILTER (WHERE run_starts) AS since
      FROM (SELECT rp.staff_id, rp.job_role_id, rp.valid_from, rp.valid_to,
                   lag(rp.valid_to) OVER (PARTITION BY rp.staff_id, rp.job_role_id ORDER BY rp.valid_from)
                     IS DISTINCT FROM rp.valid_from AS run_starts
              FROM ${sources?.rolePeriods ?? 'staff_role_period'} rp
             WHERE rp.job_role_id IN (SELECT r.job_role_id FROM ${p}rules r)
               AND rp.staff_id IN (SELECT st.staff_id FROM ${p}staff st)) w
     GROUP BY staff_id, job_role_id
    HAVING bool_or(valid_to IS NULL)
  ),
  ${p}role_rules AS MATERIALIZED (
    SELECT rr.staff_id, rr.since, r.definition_id, r.area, r.place_key, r.due_days, r.warning_days, r.effective_from
      FROM ${p}role_runs rr JOIN ${p}rules r ON r.job_role_id = rr.job_role_id
  ),
  ${p}pairs AS (
    SELECT ar.staff_id, ar.branch_id, ar.today, r.definition_id, r.warning_days, r.effective_from,
           GREATEST(ar.hire_date, r.effective_from, ar.since) + r.due_days AS due_on
      FROM ${p}area_runs ar
      JOIN ${p}rules r ON r.area = ar.area AND r.place_key = ar.place_key
     WHERE r.job_role_id IS NULL AND r.effective_from <= ar.today
    UNION ALL
    SELECT ar.staff_id, ar.branch_id, ar.today, rr.definition_id, rr.warning_days, rr.effective_from,
           GREATEST(ar.hire_date, rr.effective_from, ar.since, rr.since) + rr.due_days AS due_on
      FROM ${p}role_rules rr
      JOIN ${p}area_runs ar ON ar.staff_id = rr.staff_id AND ar.area = rr.area AND ar.place_key = rr.place_key
     WHERE rr.effective_from <= ar.today
  ),
  ${p}exemptions AS (
    SELECT DISTINCT ON (x.staff_id, x.definition_id) x.staff_id, x.definition_id, x.id, x.until, x.reason
      FROM ${sources?.exemptions ?? 'compliance_exemption'} x JOIN ${p}staff st ON st.staff_id = x.staff_id
     WHERE x.until >= st.today
     ORDER BY x.staff_id, x.definition_id, x.until DESC, x.id
  ),
  ${p}req AS (
    SELECT staff_id, branch_id, today, definition_id, MIN(due_on) AS due_on, MAX(warning_days) AS warning_days
      FROM ${p}pairs
     GROUP BY staff_id, branch_id, today, definition_id
  ),
  ${p}status AS (
    SELECT q.staff_id, q.branch_id, q.today, q.definition_id, q.due_on, q.warning_days,
           CASE WHEN k.in_force OR k.lapsed THEN a.id END AS award_id,
           CASE WHEN k.in_force OR k.lapsed THEN a.issued_on END AS issued_on,
           CASE WHEN k.in_force OR k.lapsed THEN a.valid_until END AS valid_until,
           e.id AS exemption_id, e.until AS exempt_until, e.reason AS exemption_reason,
           CASE
             WHEN e.id IS NOT NULL THEN 'exempt'
             WHEN k.in_force THEN
               CASE WHEN a.valid_until IS NOT NULL AND q.today >= a.valid_until - q.warning_days
                    THEN 'expiring' ELSE 'compliant' END
             WHEN q.today <= q.due_on THEN 'missing_in_grace'
             WHEN k.lapsed THEN 'expired'
             ELSE 'missing_overdue'
           END AS status
      FROM ${p}req q
      LEFT JOIN ${sources?.awards ?? 'award'} a ON a.staff_id = q.staff_id AND a.definition_id = q.definition_id AND a.status = 'active'
      CROSS JOIN LATERAL (
        SELECT COALESCE(a.issued_on <= q.today AND (a.valid_until IS NULL OR a.valid_until >= q.today), false) AS in_force,
               COALESCE(a.valid_until < q.today, false) AS lapsed
      ) k
      LEFT JOIN ${p}exemptions e ON e.staff_id = q.staff_id AND e.definition_id = q.definition_id
  )`;
}

/** `json_build_object` of the status counts over the rows of a group (column `status`). */
export const COUNTS_JSON = `json_build_object(
    'total', count(*),
    'compliant', count(*) FILTER (WHERE status = 'compliant'),
    'expiring', count(*) FILTER (WHERE status = 'expiring'),
    'expired', count(*) FILTER (WHERE status = 'expired'),
    'missingOverdue', count(*) FILTER (WHERE status = 'missing_overdue'),
    'missingInGrace', count(*) FILTER (WHERE status = 'missing_in_grace'),
    'exempt', count(*) FILTER (WHERE status = 'exempt'))`;

/** The status counts of a group as columns (column `status`), to be summed further up with SUMMED_COUNTS_JSON. */
export const COUNT_COLUMNS = `count(*) AS total,
    count(*) FILTER (WHERE status = 'compliant') AS compliant,
    count(*) FILTER (WHERE status = 'expiring') AS expiring,
    count(*) FILTER (WHERE status = 'expired') AS expired,
    count(*) FILTER (WHERE status = 'missing_overdue') AS missing_overdue,
    count(*) FILTER (WHERE status = 'missing_in_grace') AS missing_in_grace,
    count(*) FILTER (WHERE status = 'exempt') AS exempt`;

/** `json_build_object` of COUNT_COLUMNS summed over a group of rows aliased `c`. */
export const SUMMED_COUNTS_JSON = `json_build_object(
    'total', COALESCE(sum(c.total), 0),
    'compliant', COALESCE(sum(c.compliant), 0),
    'expiring', COALESCE(sum(c.expiring), 0),
    'expired', COALESCE(sum(c.expired), 0),
    'missingOverdue', COALESCE(sum(c.missing_overdue), 0),
    'missingInGrace', COALESCE(sum(c.missing_in_grace), 0),
    'exempt', COALESCE(sum(c.exempt), 0))`;

/** The title of a credential definition `d`: its current version's, else its latest version's. */
export const CREDENTIAL_TITLE = `COALESCE(
    (SELECT v.title FROM credential_definition_version v WHERE v.id = d.current_version_id),
    (SELECT v.title FROM credential_definition_version v WHERE v.definition_id = d.id ORDER BY v.version DESC LIMIT 1))`;
