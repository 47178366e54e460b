import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  HR_IMPORT_COLUMNS,
  HrImportIssueCode,
  type HrImportIssue,
  type HrImportStatus,
} from '@brevet/contracts';
import { TranslatePipe, type TranslationKey } from '../core/i18n';

export const IMPORT_STATUS_LABELS: Record<HrImportStatus, TranslationKey> = {
  receiving: 'import.statuses.receiving',
  uploaded: 'import.statuses.uploaded',
  validating: 'import.statuses.validating',
  validated: 'import.statuses.validated',
  invalid: 'import.statuses.invalid',
  applying: 'import.statuses.applying',
  applied: 'import.statuses.applied',
  failed: 'import.statuses.failed',
};

const TONES: Record<HrImportStatus, 'success' | 'warning' | 'error' | 'info' | ''> = {
  receiving: '',
  uploaded: '',
  validating: '',
  validated: 'info',
  invalid: 'error',
  applying: 'warning',
  applied: 'success',
  failed: 'error',
};

/** Statuses in which the import is still moving on by itself: the page keeps asking. */
export function isBusy(status: HrImportStatus): boolean {
  return status === 'receiving' || status === 'uploaded' || status === 'validating' || status === 'applying';
}

/** An import's status as a coloured pill. */
@Component({
  selector: 'bv-import-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="bv-badge"
      [class.success]="tone() === 'success'"
      [class.warning]="tone() === 'warning'"
      [class.error]="tone() === 'error'"
      [class.info]="tone() === 'info'"
      >{{ labels[status()] | t }}</span
    >
  `,
})
export class ImportStatusBadge {
  readonly status = input.required<HrImportStatus>();
  protected readonly labels = IMPORT_STATUS_LABELS;
  protected tone(): string {
    return TONES[this.status()];
  }
}

/** Plain words for every issue code, in both languages; the API's own message is the fallback. */
const ISSUE_TEXT: Record<HrImportIssueCode, TranslationKey> = {
  [HrImportIssueCode.FileEmpty]: 'import.issueCodes.fileEmpty',
  [HrImportIssueCode.FileEncoding]: 'import.issueCodes.fileEncoding',
  [HrImportIssueCode.CsvSyntax]: 'import.issueCodes.csvSyntax',
  [HrImportIssueCode.MissingColumn]: 'import.issueCodes.missingColumn',
  [HrImportIssueCode.DuplicateColumn]: 'import.issueCodes.duplicateColumn',
  [HrImportIssueCode.UnknownColumn]: 'import.issueCodes.unknownColumn',
  [HrImportIssueCode.FieldCount]: 'import.issueCodes.fieldCount',
  [HrImportIssueCode.Required]: 'import.issueCodes.required',
  [HrImportIssueCode.InvalidEmployeeNumber]: 'import.issueCodes.invalidEmployeeNumber',
  [HrImportIssueCode.InvalidName]: 'import.issueCodes.invalidName',
  [HrImportIssueCode.InvalidEmail]: 'import.issueCodes.invalidEmail',
  [HrImportIssueCode.InvalidDate]: 'import.issueCodes.invalidDate',
  [HrImportIssueCode.InvalidLanguage]: 'import.issueCodes.invalidLanguage',
  [HrImportIssueCode.InvalidStatus]: 'import.issueCodes.invalidStatus',
  [HrImportIssueCode.UnknownBranch]: 'import.issueCodes.unknownBranch',
  [HrImportIssueCode.ArchivedBranch]: 'import.issueCodes.archivedBranch',
  [HrImportIssueCode.UnknownRole]: 'import.issueCodes.unknownRole',
  [HrImportIssueCode.DuplicateEmployeeNumber]: 'import.issueCodes.duplicateEmployeeNumber',
  [HrImportIssueCode.UnknownManager]: 'import.issueCodes.unknownManager',
  [HrImportIssueCode.SelfManager]: 'import.issueCodes.selfManager',
  [HrImportIssueCode.ManagerCycle]: 'import.issueCodes.managerCycle',
  [HrImportIssueCode.LeftUnknownPerson]: 'import.issueCodes.leftUnknownPerson',
  [HrImportIssueCode.TooManyIssues]: 'import.issueCodes.tooManyIssues',
};

/** The translation key for an issue, or null for a code this UI does not know yet. */
export function issueTextKey(issue: HrImportIssue): TranslationKey | null {
  return (ISSUE_TEXT as Partial<Record<string, TranslationKey>>)[issue.code] ?? null;
}

/** Codes whose quoted values are worth showing next to the translation (the value the file had). */
const SHOW_VALUES = new Set<string>([
  HrImportIssueCode.MissingColumn,
  HrImportIssueCode.DuplicateColumn,
  HrImportIssueCode.InvalidEmployeeNumber,
  HrImportIssueCode.InvalidEmail,
  HrImportIssueCode.InvalidDate,
  HrImportIssueCode.InvalidLanguage,
  HrImportIssueCode.InvalidStatus,
  HrImportIssueCode.UnknownBranch,
  HrImportIssueCode.ArchivedBranch,
  HrImportIssueCode.UnknownRole,
  HrImportIssueCode.DuplicateEmployeeNumber,
  HrImportIssueCode.UnknownManager,
]);

/** Codes whose message may name several values; the others name one, then quote examples of the rule. */
const SEVERAL_VALUES = new Set<string>([
  HrImportIssueCode.MissingColumn,
  HrImportIssueCode.DuplicateColumn,
  HrImportIssueCode.UnknownRole,
]);

/**
 * The values the API quoted in its message (`Branch code "DE-XYZ-99" is unknown` → `DE-XYZ-99`), so the
 * translated text can still say which value was wrong. Only the first sentence counts (for a missing column
 * the rest lists the header as found); missing columns are named as the file would name them in `language`.
 */
export function issueValues(issue: HrImportIssue, language: 'en' | 'de'): string[] {
  if (!SHOW_VALUES.has(issue.code)) return [];
  // The first sentence names the values; later ones explain (and may quote examples such as "|").
  const text = issue.message.split('. ')[0];
  const values = [...text.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
  if (!SEVERAL_VALUES.has(issue.code)) return values.slice(0, 1);
  if (issue.code !== HrImportIssueCode.MissingColumn) return [...new Set(values)];
  const names = new Set<string>();
  for (const value of values) {
    const column = HR_IMPORT_COLUMNS.find((c) => c.header.en === value || c.header.de === value);
    names.add(column ? column.header[language] : value);
  }
  return [...names];
}
