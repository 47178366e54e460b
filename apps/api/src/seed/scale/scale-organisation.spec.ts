import { createHash } from 'node:crypto';
import { ScaleOrganisation, SCALE_SIZES } from './scale-organisation';
import { dayNumber, isoDay } from './scale-random';

/** The scale seed's generator: sizes, determinism, and rows the database constraints accept. */
describe('ScaleOrganisation', () => {
  const today = dayNumber('2026-11-28');

  /** A digest of everything the loader would write. */
  function fingerprint(org: ScaleOrganisation): string {
    const hash = createHash('sha256');
    hash.update(
      JSON.stringify([org.regions, org.branches.map((b) => ({ ...b, country: b.country.code })), org.rules]),
    );
    for (let i = 0; i < org.spec.staff; i++) {
      const person = org.person(i);
      hash.update(JSON.stringify({ ...person, branch: person.branch.id }));
      hash.update(JSON.stringify(org.awards(person).map((a) => ({ ...a, definition: a.definition.id }))));
      hash.update(JSON.stringify(org.exemptions(person).map((x) => ({ ...x, definition: x.definition.id }))));
    }
    return hash.digest('hex');
  }

  it('has the size asked for and is the same for the same seed and day, different for another seed', () => {
    const org = new ScaleOrganisation('S', 7, today);
    expect(org.branches).toHaveLength(SCALE_SIZES.S.branches);
    expect(org.definitions).toHaveLength(SCALE_SIZES.S.definitions);
    expect(org.rules).toHaveLength(SCALE_SIZES.S.rules);
    expect(new Set(org.branches.map((b) => b.country.code)).size).toBe(SCALE_SIZES.S.countries);
    expect(fingerprint(new ScaleOrganisation('S', 7, today))).toBe(fingerprint(org));
    expect(fingerprint(new ScaleOrganisation('S', 8, today))).not.toBe(fingerprint(org));
  });

  it('writes rows the schema accepts: unique codes, ordered periods, one active award per credential', () => {
    const org = new ScaleOrganisation('S', 1, today);
    expect(new Set(org.branches.map((b) => b.code)).size).toBe(org.branches.length);
    expect(new Set(org.regions.map((r) => r.code)).size).toBe(org.regions.length);
    expect(new Set(org.definitions.map((d) => d.code)).size).toBe(org.definitions.length);
    expect(Math.max(...org.branches.map((b) => b.code.length))).toBeLessThanOrEqual(16);
    expect(Math.max(...org.definitions.map((d) => d.code.length))).toBeLessThanOrEqual(40);
    const ids = new Set<string>();
    let awards = 0;
    for (let i = 0; i < org.spec.staff; i++) {
      const person = org.person(i);
      for (const p of [...person.branchPeriods, ...person.rolePeriods]) {
        if (p.to !== null) expect([isoDay(p.from), p.to > p.from]).toEqual([isoDay(p.from), true]);
      }
      // Open periods only for people who have not left; the current branch is the open period's.
      const open = person.branchPeriods.filter((p) => p.to === null);
      expect(open.length).toBe(person.status === 'left' ? 0 : 1);
      if (open.length === 1) expect(open[0].key).toBe(person.branch.index);
      const active = new Set<string>();
      for (const award of org.awards(person)) {
        awards++;
        expect(ids.has(award.id)).toBe(false);
        ids.add(award.id);
        if (award.validUntil !== null) expect(award.validUntil).toBeGreaterThanOrEqual(award.issuedOn);
        if (award.status === 'active') {
          expect(active.has(award.definition.id)).toBe(false);
          active.add(award.definition.id);
        }
      }
    }
    // About ten awards per person at full size; fewer credentials are required in the small catalogue.
    expect(awards / org.spec.staff).toBeGreaterThan(4);
  });
});
