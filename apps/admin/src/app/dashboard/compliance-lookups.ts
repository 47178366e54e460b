import { Injectable, computed, inject, signal } from '@angular/core';
import type { JobRole, LocalizedText, OrgTreeNode } from '@brevet/contracts';
import { catchError, forkJoin, of } from 'rxjs';
import { I18n } from '../core/i18n';
import { branchGroups, flattenRegions, type RegionOption } from '../core/org-tree';
import { ComplianceApi } from './compliance-api';

/**
 * Names for the IDs in the dashboard's filters and links: the organisation tree (regions, branches, countries),
 * the job roles, and credential titles as they come by. Provided by the dashboard routes, so the dashboard and
 * the drill-down share one copy. A failed lookup only costs names; the pages still work with what they have.
 */
@Injectable()
export class ComplianceLookups {
  private readonly api = inject(ComplianceApi);
  private readonly i18n = inject(I18n);

  private readonly tree = signal<readonly OrgTreeNode[]>([]);
  private readonly allRoles = signal<readonly JobRole[]>([]);
  private readonly titles = signal<ReadonlyMap<string, { code: string; title: LocalizedText }>>(new Map());
  private requested = false;

  readonly regions = computed(() => flattenRegions(this.tree()));
  readonly branches = computed(() => branchGroups(this.tree()).flatMap((group) => group.branches));
  /** Countries with branches, by name in the current language. */
  readonly countries = computed(() =>
    [...new Set(this.branches().map((b) => b.country))]
      .map((code) => ({ code, name: this.i18n.countryName(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, this.i18n.language())),
  );
  /** Job roles by name in the current language; archived ones too (old rules and filters may name them). */
  readonly roles = computed(() =>
    [...this.allRoles()].sort((a, b) =>
      this.i18n.localized(a.names).localeCompare(this.i18n.localized(b.names), this.i18n.language()),
    ),
  );

  load(): void {
    if (this.requested) return;
    this.requested = true;
    forkJoin([
      this.api.organisation().pipe(catchError(() => of([] as OrgTreeNode[]))),
      this.api.jobRoles().pipe(catchError(() => of([] as JobRole[]))),
    ]).subscribe(([tree, roles]) => {
      this.tree.set(tree);
      this.allRoles.set(roles);
    });
  }

  region(id: string | null): RegionOption | undefined {
    return id ? this.regions().find((r) => r.id === id) : undefined;
  }

  branch(id: string | null) {
    return id ? this.branches().find((b) => b.id === id) : undefined;
  }

  roleName(id: string | null): string | undefined {
    const role = id ? this.allRoles().find((r) => r.id === id) : undefined;
    return role ? this.i18n.localized(role.names) : undefined;
  }

  /** The regions from the top down to `regionId` (inclusive), for a breadcrumb. */
  pathTo(regionId: string | null): RegionOption[] {
    const byId = new Map(this.regions().map((r) => [r.id, r]));
    const path: RegionOption[] = [];
    let current = regionId ? byId.get(regionId) : undefined;
    while (current && path.length < 64) {
      path.unshift(current);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return path;
  }

  /** Remembers credential titles seen in answers, so filters can name them. */
  rememberCredentials(credentials: ReadonlyArray<{ id: string; code: string; title: LocalizedText }>): void {
    const known = this.titles();
    if (credentials.every((c) => known.has(c.id))) return;
    const next = new Map(known);
    for (const c of credentials) next.set(c.id, { code: c.code, title: c.title });
    this.titles.set(next);
  }

  /** A credential's title in the current language; fetched once if no answer has named it yet. */
  credentialTitle(id: string | null): string | undefined {
    if (!id) return undefined;
    const known = this.titles().get(id);
    if (known) return this.i18n.localized(known.title) || known.code;
    this.fetchCredential(id);
    return undefined;
  }

  private readonly fetching = new Set<string>();

  private fetchCredential(id: string): void {
    if (this.fetching.has(id)) return;
    this.fetching.add(id);
    this.api
      .credential(id)
      .pipe(catchError(() => of(null)))
      .subscribe((credential) => {
        if (credential) this.rememberCredentials([credential]);
      });
  }
}
