import * as fs from 'node:fs';
import type { Page } from 'playwright-core';

/** The rules of WCAG 2.0 and 2.1, levels A and AA (axe-core's tags). */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/**
 * axe-core's browser build, read once. It is evaluated through the DevTools protocol rather than added as a
 * `<script>`: the app's Content-Security-Policy (`script-src 'self'`) rightly refuses inline scripts, and
 * evaluation is not subject to it. No Playwright add-on is needed.
 */
let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string; html: string }>;
}

/** Runs axe-core on the page as it is now, limited to WCAG 2.1 A and AA; answers every violation. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(`${axeScript()}\n;void 0`);
  return page.evaluate(
    async (tags) => {
      const axe = (
        window as unknown as { axe: { run: (ctx: unknown, options: unknown) => Promise<unknown> } }
      ).axe;
      const results = (await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })) as { violations: AxeViolation[] };
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html })),
      }));
    },
    [...WCAG_21_AA],
  );
}

/** The serious and critical violations as readable lines: rule, impact, help, then each element. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => [
      `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.slice(0, 8).map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`),
      ...(v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : []),
    ]);
}

/**
 * The serious and critical WCAG 2.1 AA violations on the page as one readable entry (empty when none), so a
 * test can check many pages and report them all. `where` names the page ("/dashboard (hr, de, phone)").
 */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const lines = describeViolations(await axeViolations(page));
  return lines.length > 0 ? [`${where}:\n${lines.join('\n')}`] : [];
}

/** Fails with the list of serious and critical WCAG 2.1 AA violations on the page, if there are any. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const found = await seriousViolations(page, where);
  if (found.length > 0) throw new Error(`axe found serious or critical violations on ${found.join('\n')}`);
}
