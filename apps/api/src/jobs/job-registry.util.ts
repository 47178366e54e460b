import type { JobName } from './job-names';

export interface HandlerRegistration {
  job: JobName;
  provider: string;
}

/**
 * Startup check: every job has exactly one handler, and nothing handles a job that does not exist.
 * Returns the problems found (empty when the set is consistent).
 */
export function findHandlerProblems(
  jobs: readonly JobName[],
  registrations: readonly HandlerRegistration[],
): string[] {
  const problems: string[] = [];
  for (const job of jobs) {
    const providers = registrations.filter((r) => r.job === job).map((r) => r.provider);
    if (providers.length === 0) problems.push(`job "${job}" has no handler`);
    if (providers.length > 1)
      problems.push(`job "${job}" has ${providers.length} handlers: ${providers.join(', ')}`);
  }
  for (const r of registrations) {
    if (!jobs.includes(r.job)) problems.push(`${r.provider} handles unknown job "${r.job}"`);
  }
  return problems;
}
