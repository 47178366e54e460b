import { buildOrgTree, wouldCreateRegionCycle, type TreeBranch, type TreeRegion } from './org-tree.util';

const regions: TreeRegion[] = [
  { id: 'eu', code: 'EU', name: 'Europe', parentId: null },
  { id: 'n', code: 'N', name: 'North', parentId: 'eu' },
  { id: 'a', code: 'A', name: 'Alps', parentId: 'eu' },
  { id: 'x', code: 'X', name: 'Other', parentId: null },
];
const branch = (id: string, regionId: string, staffCount: number, status = 'active'): TreeBranch => ({
  id,
  code: id.toUpperCase(),
  name: id,
  country: 'DE',
  status,
  regionId,
  staffCount,
});

describe('buildOrgTree', () => {
  it('nests by parent, sorts by name and rolls up active branches and their staff', () => {
    const tree = buildOrgTree(regions, [
      branch('hh', 'n', 10),
      branch('b', 'n', 5),
      branch('old', 'n', 7, 'archived'),
      branch('vie', 'a', 3),
    ]);
    expect(tree.map((r) => r.name)).toEqual(['Europe', 'Other']);
    const [europe] = tree;
    expect(europe.children.map((c) => c.name)).toEqual(['Alps', 'North']);
    expect(europe).toMatchObject({ branchCount: 3, staffCount: 18 });
    expect(europe.children[1]).toMatchObject({ branchCount: 2, staffCount: 15 });
    expect(europe.children[1].branches.map((b) => b.name)).toEqual(['b', 'hh', 'old']);
  });
});

describe('wouldCreateRegionCycle', () => {
  it.each([
    ['a region under itself', 'n', 'n', true],
    ['a region under its own child', 'eu', 'n', true],
    ['a region under a sibling', 'n', 'a', false],
    ['a region at the top', 'n', null, false],
  ])('%s', (_label, regionId, parentId, expected) => {
    expect(wouldCreateRegionCycle(regions, regionId as string, parentId as string | null)).toBe(expected);
  });
});
