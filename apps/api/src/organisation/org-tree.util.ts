import type { OrgTreeNode } from '@brevet/contracts';

export interface TreeRegion {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface TreeBranch {
  id: string;
  code: string;
  name: string;
  country: string;
  status: string;
  regionId: string;
  staffCount: number;
}

/**
 * Nests regions under their parents and branches under their regions, sorted by name. Counts roll up:
 * a region's `branchCount` and `staffCount` include every sub-region. Active branches only are counted.
 */
export function buildOrgTree(regions: readonly TreeRegion[], branches: readonly TreeBranch[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const r of regions) {
    nodes.set(r.id, {
      id: r.id,
      code: r.code,
      name: r.name,
      branchCount: 0,
      staffCount: 0,
      children: [],
      branches: [],
    });
  }
  for (const b of branches) {
    nodes.get(b.regionId)?.branches.push({
      id: b.id,
      code: b.code,
      name: b.name,
      country: b.country,
      status: b.status,
      staffCount: b.staffCount,
    });
  }
  const roots: OrgTreeNode[] = [];
  for (const r of regions) {
    const node = nodes.get(r.id) as OrgTreeNode;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const finish = (node: OrgTreeNode): void => {
    node.children.sort(byName);
    node.branches.sort(byName);
    node.children.forEach(finish);
    const active = node.branches.filter((b) => b.status === 'active');
    node.branchCount = active.length + node.children.reduce((n, c) => n + c.branchCount, 0);
    node.staffCount =
      active.reduce((n, b) => n + b.staffCount, 0) + node.children.reduce((n, c) => n + c.staffCount, 0);
  };
  roots.sort(byName);
  roots.forEach(finish);
  return roots;
}

/** True when making `parentId` the parent of `regionId` would put the region inside itself. */
export function wouldCreateRegionCycle(
  regions: readonly TreeRegion[],
  regionId: string,
  parentId: string | null,
): boolean {
  const parentOf = new Map(regions.map((r) => [r.id, r.parentId]));
  for (let at: string | null | undefined = parentId, steps = 0; at && steps <= regions.length; steps++) {
    if (at === regionId) return true;
    at = parentOf.get(at);
  }
  return false;
}
