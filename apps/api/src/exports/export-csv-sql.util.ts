import type { ComplianceStatus, UiLanguage } from '@brevet/contracts';
import type { RequirementExportRow } from '../compliance/compliance.repository';
import type { RowStatement } from '../database/row-statement';
import type { CopyStatement } from './export-copy.repository';
import type { ExportText } from './export-text';

// "CSV by COPY" (docs/exports.md): for the biggest export, PostgreSQL writes the CSV itself. These helpers turn a
// row statement into one whose columns are already the file's cells, exactly as the row path writes them
// (csvTableCell, requirementRow): a test compares both files byte for byte.

/** Appends parameters after a statement's own and answers their `$n` placeholders. */
class MoreParams {
  constructor(readonly values: unknown[]) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A text cell: formula-like text gets a leading `'` (neutraliseFormula) and an empty text is written like a
 * missing one (COPY would quote it as `""`; the row path writes nothing).
 */
export function csvTextSql(expression: string): string {
  return `NULLIF(CASE WHEN left(${expression}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r')
                      THEN '''' || ${expression} ELSE ${expression} END, '')`;
}

/** `localized(text, language)` of a JSON title held as text: the language's words, else the English ones. */
function localizedSql(json: string, language: UiLanguage, params: MoreParams): string {
  const trimmed = (key: string) => `btrim(COALESCE((${json})::jsonb ->> ${key}, ''), E' \\t\\n\\r')`;
  return `COALESCE(NULLIF(${trimmed(`${params.add(language)}::text`)}, ''), ${trimmed(`'en'`)})`;
}

/** A fixed set of values written as their labels (in the file's language). */
function labelSql(expression: string, labels: Record<string, string>, params: MoreParams): string {
  const cases = Object.entries(labels)
    .map(([value, label]) => `WHEN ${params.add(value)}::text THEN ${params.add(label)}::text`)
    .join(' ');
  return `CASE ${expression} ${cases} END`;
}

/**
 * The people-list export (`requirementColumns`) as a statement of finished cells, over the compliance module's
 * statement (its columns: compliance-aggregate.repository.ts `requirementRowsStatement`). A projection over the
 * ordered subquery keeps its order.
 */
export function requirementCsvStatement(
  statement: RowStatement<RequirementExportRow>,
  t: ExportText,
  language: UiLanguage,
): CopyStatement {
  const params = new MoreParams([...statement.values]);
  const text = (column: string) => csvTextSql(`q.${column}`);
  const columns = [
    text('employee_number'),
    text('family_name'),
    text('given_name'),
    text('branch_code'),
    text('branch_name'),
    text('definition_code'),
    csvTextSql(localizedSql('q.definition_title', language, params)),
    csvTextSql(labelSql('q.status', t.complianceStatus as Record<ComplianceStatus, string>, params)),
    'q.due_on',
    'q.issued_on',
    'q.valid_until',
    'q.days_left',
    'q.exempt_until',
    text('exemption_reason'),
  ];
  return { text: `SELECT ${columns.join(', ')} FROM (${statement.text}) q`, values: params.values };
}
