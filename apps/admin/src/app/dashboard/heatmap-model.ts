import type { Params } from '@angular/router';
import type {
  ComplianceAreaRow,
  ComplianceAreas,
  ComplianceCounts,
  ComplianceCredentialRef,
  ComplianceFilter,
} from '@brevet/contracts';
import type { I18n } from '../core/i18n';
import { due, notMet, percent, scaleStep, type ScaleStep } from './compliance-scale';
import { peopleLink, sortAreaRows, type HeatmapSort } from './dashboard-query';

/** One cell as both views draw it: colour step, printed rate, a full sentence for screen readers, its link. */
export interface HeatCell {
  step: ScaleStep['id'];
  /** "87 %", or "–" when nothing is due yet. */
  text: string;
  /** "21 of 24": met of due. */
  detail: string;
  /** The whole story, for `aria-label` and the tooltip. */
  label: string;
  /** Query parameters of the drill-down behind the cell. */
  people: Params;
}

export interface HeatRow {
  id: string;
  kind: ComplianceAreaRow['kind'];
  name: string;
  code: string;
  /** "3 branches" under a region, the country under a branch. */
  note: string;
  /** Query parameters that open this region as the next level; null for a branch. */
  drill: Params | null;
  overall: HeatCell;
  /** In column order; null where nobody in the row needs the credential. */
  cells: Array<HeatCell | null>;
}

export interface HeatColumn {
  id: string;
  code: string;
  title: string;
}

export function heatColumns(columns: readonly ComplianceCredentialRef[], i18n: I18n): HeatColumn[] {
  return columns.map((c) => ({ id: c.id, code: c.code, title: i18n.localized(c.title) || c.code }));
}

/** A rate as the current language writes a percentage, rounded down ("99 %", never a false "100 %"). */
export function formatRate(i18n: I18n, rate: number, digits = 0): string {
  return new Intl.NumberFormat(i18n.language(), {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(percent(rate, digits) / 100);
}

/** The rows of a level in the chosen order, ready to draw. */
export function buildHeatRows(
  areas: ComplianceAreas,
  sort: HeatmapSort,
  filter: ComplianceFilter,
  i18n: I18n,
): HeatRow[] {
  const columns = heatColumns(areas.columns, i18n);
  const base = { country: filter.country ?? null, jobRoleId: filter.jobRoleId ?? null };
  return sortAreaRows(areas.rows, sort, i18n.language()).map((row) => {
    const place = row.kind === 'region' ? { regionId: row.id } : { branchId: row.id };
    const byColumn = new Map(row.cells.map((c) => [c.definitionId, c.counts]));
    const cell = (counts: ComplianceCounts, credential: string | null, definitionId: string | null) =>
      heatCell(i18n, row.name, credential, counts, peopleLink({ ...base, ...place, definitionId }));
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      code: row.code,
      note:
        row.kind === 'region'
          ? i18n.t('dashboard.heatmap.branches', { count: row.branches })
          : row.country
            ? i18n.countryName(row.country)
            : '',
      drill: row.kind === 'region' ? { regionId: row.id } : null,
      overall: cell(row.totals, null, null),
      cells: columns.map((column) => {
        const counts = byColumn.get(column.id);
        return counts ? cell(counts, column.title, column.id) : null;
      }),
    };
  });
}

function heatCell(
  i18n: I18n,
  area: string,
  credential: string | null,
  counts: ComplianceCounts,
  people: Params,
): HeatCell {
  const where = credential ? `${area} · ${credential}` : area;
  const met = counts.compliant + counts.expiring;
  const dueCount = due(counts);
  if (counts.rate === null) {
    return {
      step: 'none',
      text: '–',
      detail: i18n.t('dashboard.heatmap.nothingDueShort'),
      label: i18n.t('dashboard.heatmap.cellNothingDue', { where, count: counts.total }),
      people,
    };
  }
  const text = formatRate(i18n, counts.rate);
  return {
    step: scaleStep(counts.rate),
    text,
    detail: i18n.t('dashboard.heatmap.metOfDue', { met, due: dueCount }),
    label: i18n.t('dashboard.heatmap.cellLabel', {
      where,
      rate: text,
      met,
      due: dueCount,
      notMet: notMet(counts),
    }),
    people,
  };
}
