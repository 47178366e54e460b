import type { HrImportCounts, HrImportIssue, HrImportSummary } from '@brevet/contracts';

/**
 * The result of an import as CSV for a spreadsheet (RFC 4180, CRLF): a few lines of counts, a blank line,
 * then one line per issue. UTF-8 with a byte-order mark so that Excel shows umlauts; the delimiter follows
 * the uploaded file (`;` for a German Excel file, `,` otherwise), so Excel splits the columns the same way.
 */
export async function* resultCsvLines(
  summary: HrImportSummary,
  issues: AsyncIterable<HrImportIssue>,
): AsyncGenerator<string> {
  const d = summary.delimiter === ';' ? ';' : ',';
  const line = (...cells: Array<string | number | null>) => cells.map((c) => csvCell(c, d)).join(d) + '\r\n';
  let out = '\uFEFF';
  out += line('Import', summary.fileName);
  out += line('Status', summary.status);
  out += line('Full export', summary.fullExport ? 'yes' : 'no');
  out += line('Rows', summary.totalRows ?? 0);
  out += line('Errors', summary.errorCount);
  out += line('Warnings', summary.warningCount);
  const counts = (c: HrImportCounts, labels: Record<Exclude<keyof HrImportCounts, 'rows'>, string>) =>
    (Object.keys(labels) as Array<keyof typeof labels>).map((k) => line(labels[k], c[k])).join('');
  if (summary.result) {
    out += counts(summary.result, {
      created: 'Created',
      updated: 'Updated',
      unchanged: 'Unchanged',
      deactivated: 'Marked as left',
      skipped: 'Skipped',
    });
  } else if (summary.preview) {
    out += counts(summary.preview, {
      created: 'Would create',
      updated: 'Would update',
      unchanged: 'Unchanged',
      deactivated: 'Would mark as left',
      skipped: 'Would skip',
    });
  }
  if (summary.failure) out += line('Failure', summary.failure);
  out += '\r\n' + line('Row', 'Column', 'Severity', 'Code', 'Message');
  yield out;
  let batch = '';
  for await (const issue of issues) {
    batch += line(issue.row, issue.column, issue.severity, issue.code, issue.message);
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/**
 * One cell: quoted when it holds the delimiter, a quote or a line break. Text that a spreadsheet would run
 * as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) gets a leading apostrophe — the file echoes
 * what was uploaded, so it must not carry formulas into someone's Excel.
 */
export function csvCell(value: string | number | null, delimiter: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
