import type { ComplianceCounts } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

/**
 * The heat map's colour scale: six steps of ColorBrewer's RdBu (red–blue diverging, safe for the common kinds of
 * colour blindness, and still ordered by lightness in greyscale), plus a neutral grey for "nothing due yet".
 * Colour never stands alone: every cell also prints its rate, and the legend names each step.
 */
export interface ScaleStep {
  /** CSS class suffix: `bv-rate-<id>`, defined in dashboard.scss. */
  id: 'r0' | 'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'none';
  /** Lowest rate in the step (inclusive); null for "nothing due". */
  from: number | null;
  label: TranslationKey;
}

export const SCALE: readonly ScaleStep[] = [
  { id: 'r0', from: 0, label: 'dashboard.scale.r0' },
  { id: 'r1', from: 0.5, label: 'dashboard.scale.r1' },
  { id: 'r2', from: 0.75, label: 'dashboard.scale.r2' },
  { id: 'r3', from: 0.9, label: 'dashboard.scale.r3' },
  { id: 'r4', from: 0.95, label: 'dashboard.scale.r4' },
  { id: 'r5', from: 1, label: 'dashboard.scale.r5' },
  { id: 'none', from: null, label: 'dashboard.scale.none' },
];

/** The step a compliance rate falls in. */
export function scaleStep(rate: number | null): ScaleStep['id'] {
  if (rate === null) return 'none';
  let step: ScaleStep['id'] = 'r0';
  for (const s of SCALE) if (s.from !== null && rate >= s.from) step = s.id;
  return step;
}

/**
 * A rate as a whole percentage, rounded down, so that "100 %" only ever means everyone: 0.996 shows as 99.
 * `digits` keeps decimals for the headline figure.
 */
export function percent(rate: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.floor(rate * 100 * factor + 1e-9) / factor;
}

/** Requirements that are due and not met: overdue (never held, revoked) or expired. */
export function notMet(counts: ComplianceCounts): number {
  return counts.expired + counts.missingOverdue;
}

/** Requirements that count towards the rate (neither in grace nor exempt). */
export function due(counts: ComplianceCounts): number {
  return counts.total - counts.exempt - counts.missingInGrace;
}
