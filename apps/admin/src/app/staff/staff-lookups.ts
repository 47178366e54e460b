import { Injectable, computed, inject, signal } from '@angular/core';
import type { JobRole, OrgTreeNode } from '@brevet/contracts';
import { forkJoin } from 'rxjs';
import { I18n } from '../core/i18n';
import { branchGroups, flattenRegions } from '../core/org-tree';
import { StaffApi } from './staff-api';

/**
 * The branches, regions and job roles that the staff pages offer in filters and forms. Provided by the
 * staff routes, so the directory and the person page share one copy; `refresh()` reloads it. It also
 * remembers the directory's last filters for the person page's "back" link.
 */
@Injectable()
export class StaffLookups {
  private readonly api = inject(StaffApi);
  private readonly i18n = inject(I18n);

  private readonly tree = signal<readonly OrgTreeNode[]>([]);
  private readonly allRoles = signal<readonly JobRole[]>([]);
  readonly loaded = signal(false);
  /** The directory's last query parameters, so the person page can link back to the same list. */
  readonly directoryParams = signal<Record<string, string>>({});

  readonly regions = computed(() => flattenRegions(this.tree()));
  readonly branchGroups = computed(() => branchGroups(this.tree()));
  readonly branches = computed(() => this.branchGroups().flatMap((group) => group.branches));
  /** Branches people can be assigned to. */
  readonly activeBranchGroups = computed(() =>
    this.branchGroups()
      .map((group) => ({ ...group, branches: group.branches.filter((b) => b.status === 'active') }))
      .filter((group) => group.branches.length > 0),
  );
  /** Every job role, by name in the current language. */
  readonly roles = computed(() =>
    [...this.allRoles()].sort((a, b) =>
      this.i18n.localized(a.names).localeCompare(this.i18n.localized(b.names), this.i18n.language()),
    ),
  );
  readonly activeRoles = computed(() => this.roles().filter((role) => role.status === 'active'));

  refresh(): void {
    forkJoin([this.api.organisation(), this.api.jobRoles()]).subscribe({
      next: ([tree, roles]) => {
        this.tree.set(tree);
        this.allRoles.set(roles);
        this.loaded.set(true);
      },
      // Filters and forms still work without the lookups' names; the lists show their own errors.
      error: () => this.loaded.set(true),
    });
  }

  /** The region IDs of `regionId` and everything below it, to keep the branch filter inside a region. */
  regionScope(regionId: string): ReadonlySet<string> {
    const regions = this.regions();
    const ids = new Set([regionId]);
    for (const region of regions) {
      if (region.parentId && ids.has(region.parentId)) ids.add(region.id);
    }
    return ids;
  }
}
