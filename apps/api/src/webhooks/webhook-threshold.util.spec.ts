import type { BranchComplianceRow } from './webhooks.repository';
import { thresholdCrossings } from './webhook-threshold.util';

const branch = (id: string, compliant: number, total = 100): BranchComplianceRow => ({
  branchId: id,
  branchCode: id.toUpperCase(),
  branchName: `Branch ${id}`,
  total,
  compliant,
  expiring: 0,
  expired: total - compliant,
  missingOverdue: 0,
  missingInGrace: 0,
  exempt: 0,
});

describe('thresholdCrossings (90 %)', () => {
  it.each([
    ['never checked, above', undefined, 95, null],
    ['never checked, below: reported once', undefined, 80, 'below'],
    ['was above, falls below', false, 89, 'below'],
    ['was below, still below: nothing', true, 70, null],
    ['was below, at the threshold: recovered', true, 90, 'recovered'],
    ['was above, exactly at the threshold: nothing', false, 90, null],
  ])('%s', (_, was, compliant, expected) => {
    const previous = new Map(was === undefined ? [] : [['a', was]]);
    const { crossings, states } = thresholdCrossings([branch('a', compliant)], previous, 90);
    expect(crossings.map((c) => c.direction)).toEqual(expected ? [expected] : []);
    expect(states.get('a')).toBe(compliant < 90);
  });

  it('keeps the state of a branch with nobody due', () => {
    const { crossings, states } = thresholdCrossings([branch('a', 0, 0)], new Map([['a', true]]), 90);
    expect(crossings).toEqual([]);
    expect(states.get('a')).toBe(true);
  });

  it('a day below after a crossing reports nothing; the rate is in percent', () => {
    const first = thresholdCrossings([branch('a', 85)], new Map(), 90);
    expect(first.crossings[0].ratePercent).toBe(85);
    const second = thresholdCrossings([branch('a', 84)], first.states, 90);
    expect(second.crossings).toEqual([]);
  });
});
