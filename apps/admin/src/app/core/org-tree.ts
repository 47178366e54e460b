import type { OrgTreeNode } from '@brevet/contracts';

/** A region in tree order with its depth, for indented pickers. */
export interface RegionOption {
  id: string;
  code: string;
  name: string;
  depth: number;
  parentId: string | null;
}

/** Every region, depth first, in the order the tree shows them (the API sorts by name). */
export function flattenRegions(tree: readonly OrgTreeNode[]): RegionOption[] {
  const out: RegionOption[] = [];
  const visit = (nodes: readonly OrgTreeNode[], depth: number, parentId: string | null) => {
    for (const node of nodes) {
      out.push({ id: node.id, code: node.code, name: node.name, depth, parentId });
      visit(node.children, depth + 1, node.id);
    }
  };
  visit(tree, 0, null);
  return out;
}

/** The IDs of `regionId` and every region below it: where the region cannot be moved to. */
export function regionAndDescendants(tree: readonly OrgTreeNode[], regionId: string): Set<string> {
  const ids = new Set<string>();
  const collect = (node: OrgTreeNode) => {
    ids.add(node.id);
    node.children.forEach(collect);
  };
  const find = (nodes: readonly OrgTreeNode[]): boolean =>
    nodes.some((node) => (node.id === regionId ? (collect(node), true) : find(node.children)));
  find(tree);
  return ids;
}

/** Totals over the whole tree: regions, active branches, staff. */
export function treeTotals(tree: readonly OrgTreeNode[]): {
  regions: number;
  branches: number;
  staff: number;
} {
  let regions = 0;
  const count = (nodes: readonly OrgTreeNode[]) => {
    for (const node of nodes) {
      regions += 1;
      count(node.children);
    }
  };
  count(tree);
  return {
    regions,
    branches: tree.reduce((n, node) => n + node.branchCount, 0),
    staff: tree.reduce((n, node) => n + node.staffCount, 0),
  };
}

export type OrgTreeBranch = OrgTreeNode['branches'][number];

/** A branch with the region it belongs to. */
export interface BranchOption extends OrgTreeBranch {
  regionId: string;
  regionName: string;
}

/** Regions that hold branches directly, each with its branches, in tree order: for grouped pickers. */
export function branchGroups(
  tree: readonly OrgTreeNode[],
): { regionId: string; regionName: string; branches: BranchOption[] }[] {
  const groups: { regionId: string; regionName: string; branches: BranchOption[] }[] = [];
  const visit = (nodes: readonly OrgTreeNode[]) => {
    for (const node of nodes) {
      if (node.branches.length > 0) {
        groups.push({
          regionId: node.id,
          regionName: node.name,
          branches: node.branches.map((b) => ({ ...b, regionId: node.id, regionName: node.name })),
        });
      }
      visit(node.children);
    }
  };
  visit(tree);
  return groups;
}
