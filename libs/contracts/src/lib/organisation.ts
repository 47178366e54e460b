export interface CreateRegionRequest {
  code: string;
  name: string;
  parentId?: string | null;
}

export interface UpdateRegionRequest {
  name?: string;
  /** Moving a region under one of its own descendants is refused (`region.cycle`). */
  parentId?: string | null;
}

/** A region with its sub-regions and branches, as the organisation tree shows it. */
export interface OrgTreeNode {
  id: string;
  code: string;
  name: string;
  branchCount: number;
  staffCount: number;
  children: OrgTreeNode[];
  branches: Array<{
    id: string;
    code: string;
    name: string;
    country: string;
    status: string;
    staffCount: number;
  }>;
}
