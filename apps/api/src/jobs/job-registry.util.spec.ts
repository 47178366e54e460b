import { JobName } from './job-names';
import { findHandlerProblems } from './job-registry.util';

const job = JobName.RecountRegionBranches;

describe('findHandlerProblems', () => {
  it('accepts exactly one handler per job', () => {
    expect(findHandlerProblems([job], [{ job, provider: 'A' }])).toEqual([]);
  });

  it('reports a job without a handler', () => {
    expect(findHandlerProblems([job], [])).toEqual([`job "${job}" has no handler`]);
  });

  it('reports a job with two handlers, naming both', () => {
    expect(
      findHandlerProblems(
        [job],
        [
          { job, provider: 'A' },
          { job, provider: 'B' },
        ],
      ),
    ).toEqual([`job "${job}" has 2 handlers: A, B`]);
  });

  it('reports a handler for an unknown job', () => {
    expect(findHandlerProblems([], [{ job, provider: 'A' }])).toEqual([`A handles unknown job "${job}"`]);
  });
});
