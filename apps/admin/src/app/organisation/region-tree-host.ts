import type { Signal } from '@angular/core';
import type { OrgTreeNode } from '@brevet/contracts';

export type RegionAction = 'addChild' | 'rename' | 'move';

/**
 * What a node of the region tree needs from the page around it: which regions are collapsed, and where to
 * send the user's actions. The page provides itself under this token (no import cycle with the nodes).
 */
export abstract class RegionTreeHost {
  abstract readonly collapsed: Signal<ReadonlySet<string>>;
  /** Whether the person may add, rename and move regions (managers may only look). */
  abstract readonly canEdit: boolean;
  abstract toggle(regionId: string): void;
  abstract act(action: RegionAction, region: OrgTreeNode): void;
}
