import { Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { Permission, type ComplianceAreas, type ComplianceFilter } from '@brevet/contracts';
import { EMPTY, map, shareReplay, switchMap, type Observable } from 'rxjs';
import { AuthStore } from '../core/auth';
import { TrendsApi } from '../trends';
import { ComplianceApi } from './compliance-api';
import { ComplianceLookups } from './compliance-lookups';
import {
  dashboardFilter,
  dashboardViewFromParams,
  dashboardViewToParams,
  type DashboardView,
} from './dashboard-query';
import { LOADING, track, type Load } from './load-state';

/** How many people the expiring panel lists before "Show all". */
export const EXPIRING_PREVIEW = 6;

/**
 * The dashboard's state: the view (from the URL) and every answer it shows, each reloaded when the filters it
 * depends on change. Identical requests within one page visit are shared (the tree's top level is the heat map's
 * top level, the 30-day headline is the 30-day list), and "Reload" starts afresh.
 */
@Injectable()
export class DashboardStore {
  private readonly api = inject(ComplianceApi);
  private readonly lookups = inject(ComplianceLookups);
  private readonly trends = inject(TrendsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  readonly view: Signal<DashboardView> = toSignal(
    this.route.queryParamMap.pipe(map(dashboardViewFromParams)),
    { requireSync: true },
  );

  private readonly reloads = signal(0);
  private cache = new Map<string, Observable<unknown>>();

  /** The filters of the figures and the heat map level. */
  readonly filter = computed(() => dashboardFilter(this.view()), { equal: sameFilter });
  /** The same without the region: the region tree always starts at the top. */
  readonly treeFilter = computed(() => dashboardFilter({ ...this.view(), regionId: null }), {
    equal: sameFilter,
  });

  readonly summary = this.load(this.filter, (f) => this.api.summary(f), 'summary');
  readonly level = this.load(this.filter, (f) => this.api.areas(f), 'areas');
  readonly expiringSoon = this.load(
    this.filter,
    (f) => this.api.expiring({ ...f, withinDays: 30, pageSize: EXPIRING_PREVIEW }),
    'expiring:30',
  );
  readonly expiringList = this.load(
    computed(() => ({ ...this.filter(), withinDays: this.view().expiring }), { equal: sameFilter }),
    (q) => this.api.expiring({ ...q, pageSize: EXPIRING_PREVIEW }),
    'expiring',
  );
  /**
   * Compliance over time for the same region and country, weekly. Snapshots are kept per branch and credential,
   * so the job role filter does not apply to it (the page says so).
   */
  readonly trend = this.load(
    computed(() => ({ regionId: this.filter().regionId, country: this.filter().country }), {
      equal: sameFilter,
    }),
    (q) => this.trends.trend({ ...q, granularity: 'week' }),
    'trend',
  );

  /** Evidence waiting for a decision, for approvers only (everyone else never asks). */
  readonly canApprove = inject(AuthStore).can(Permission.EvidenceApprove);
  readonly pendingApprovals = this.load(
    computed(() => ({})),
    () => (this.canApprove ? this.api.pendingApprovals() : EMPTY),
    'approvals',
  );
  /** How many rules there are at all, to tell "no rules yet" from "nothing in this view". */
  readonly ruleCount = this.load(
    computed(() => ({})),
    () => this.api.ruleCount(),
    'rules',
  );

  /** Whether the person chose the level themselves (opened the page on one, or moved since). */
  private levelChosen = false;
  /** The level the dashboard last opened by itself. */
  private autoLevel: string | null = null;

  constructor() {
    let first = true;
    toObservable(this.view)
      .pipe(takeUntilDestroyed())
      .subscribe((view) => {
        if (first ? view.regionId !== null : view.regionId !== this.autoLevel) this.levelChosen = true;
        first = false;
      });
    toObservable(this.level)
      .pipe(takeUntilDestroyed())
      .subscribe((level) => {
        if (level.status !== 'ok') return;
        this.lookups.rememberCredentials(level.value.columns);
        this.skipSingleRegion(level.value);
      });
  }

  private readonly treeToggles = signal<ReadonlyMap<string, boolean>>(new Map());
  /** Regions of the sites tree the person opened (true) or closed (false); others follow the tree's defaults. */
  readonly treeOpen = this.treeToggles.asReadonly();

  setTreeOpen(regionId: string, open: boolean): void {
    this.treeToggles.update((toggles) => new Map(toggles).set(regionId, open));
  }

  /** One organisation level for the region tree, shared with the heat map when it shows the same level. */
  areas(filter: ComplianceFilter): Observable<Load<ComplianceAreas>> {
    return this.cached(`areas:${key(filter)}`, () => this.api.areas(filter));
  }

  /** Changes the view by navigating. */
  update(change: Partial<DashboardView>): void {
    if (!this.stillHere()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: dashboardViewToParams({ ...this.view(), ...change }),
    });
  }

  reload(): void {
    this.cache = new Map();
    this.reloads.update((n) => n + 1);
  }

  readonly reloadCount = this.reloads.asReadonly();

  /**
   * A level that holds nothing but one region (the company's single top region, or the regions above a branch
   * manager's branch) says nothing a level further down would not: on arrival, the dashboard opens that region
   * by itself, as far down as that holds. Once the person picks a level, it stays where they put it.
   */
  private skipSingleRegion(level: ComplianceAreas): void {
    const only = level.rows.length === 1 ? level.rows[0] : null;
    if (this.levelChosen || !only || only.kind !== 'region' || level.regionId !== this.view().regionId)
      return;
    if (!this.stillHere()) return;
    this.autoLevel = only.id;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { regionId: only.id },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /**
   * False once the person is on the way to another page: a navigation elsewhere has started (its page may still
   * be loading, so this dashboard is not destroyed yet). Navigating "here" then, relative to the dashboard,
   * would cancel theirs and pull them back, so the dashboard's own URL updates stand down.
   */
  private stillHere(): boolean {
    const path = (url: string) => url.split(/[?#]/, 1)[0];
    const here = path(this.router.serializeUrl(this.router.createUrlTree([], { relativeTo: this.route })));
    const pending = this.router.currentNavigation();
    const target = pending
      ? this.router.serializeUrl(pending.finalUrl ?? pending.extractedUrl)
      : this.router.url;
    return path(target) === here;
  }

  private load<Q extends object, T>(
    query: Signal<Q>,
    request: (query: Q) => Observable<T>,
    name: string,
  ): Signal<Load<T>> {
    return toSignal(
      toObservable(computed(() => ({ query: query(), reload: this.reloads() }))).pipe(
        switchMap(({ query: q }) => this.cached(`${name}:${key(q)}`, () => request(q))),
      ),
      { initialValue: LOADING as Load<T> },
    );
  }

  private cached<T>(cacheKey: string, request: () => Observable<T>): Observable<Load<T>> {
    let shared = this.cache.get(cacheKey) as Observable<Load<T>> | undefined;
    if (!shared) {
      shared = track(request()).pipe(shareReplay({ bufferSize: 1, refCount: false }));
      this.cache.set(cacheKey, shared);
    }
    return shared;
  }
}

function key(query: object): string {
  return JSON.stringify(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(),
  );
}

function sameFilter(a: object, b: object): boolean {
  return key(a) === key(b);
}
