import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  computed,
  forwardRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Permission, type OrgTreeNode, type ProblemDetails, type Region } from '@brevet/contracts';
import { Subject, catchError, filter, map, of, startWith, switchMap, tap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { OrganisationApi } from './organisation-api';
import { flattenRegions, treeTotals } from '../core/org-tree';
import { RegionDialog, type RegionDialogData, type RegionDialogMode } from './region-dialog';
import { RegionNode } from './region-node';
import { RegionTreeHost, type RegionAction } from './region-tree-host';

type LoadResult = { tree: OrgTreeNode[]; problem?: never } | { tree?: never; problem: ProblemDetails };

const DONE: Record<RegionDialogMode, TranslationKey> = {
  create: 'organisation.created',
  rename: 'organisation.renamed',
  move: 'organisation.moved',
};

/** The region tree with rolled-up counts; regions are created, renamed and moved from here. */
@Component({
  selector: 'bv-org-tree-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RegionNode, TranslatePipe],
  providers: [{ provide: RegionTreeHost, useExisting: forwardRef(() => OrgTreePage) }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './org-tree-page.html',
  styleUrl: './org-tree-page.scss',
})
export class OrgTreePage implements RegionTreeHost {
  protected readonly i18n = inject(I18n);
  /** Whether the person may change the organisation (managers may only look). */
  readonly canEdit = inject(AuthStore).can(Permission.OrgWrite);
  private readonly api = inject(OrganisationApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);

  private readonly reloads = new Subject<void>();
  private readonly result = signal<LoadResult | null>(null);

  protected readonly loading = signal(true);
  protected readonly tree = computed(() => this.result()?.tree ?? null);
  protected readonly problem = computed(() => this.result()?.problem ?? null);
  protected readonly totals = computed(() => treeTotals(this.tree() ?? []));
  readonly collapsed = signal<ReadonlySet<string>>(new Set());
  protected readonly anyCollapsed = computed(() => this.collapsed().size > 0);

  constructor() {
    this.reloads
      .pipe(
        startWith(undefined),
        tap(() => this.loading.set(true)),
        switchMap(() =>
          this.api.tree().pipe(
            map((tree): LoadResult => ({ tree })),
            catchError((error: unknown) => of<LoadResult>({ problem: toProblem(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
      });
  }

  reload(): void {
    this.reloads.next();
  }

  toggle(regionId: string): void {
    this.collapsed.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(regionId)) next.add(regionId);
      return next;
    });
  }

  protected toggleAll(): void {
    this.collapsed.set(
      this.anyCollapsed() ? new Set() : new Set(flattenRegions(this.tree() ?? []).map((r) => r.id)),
    );
  }

  protected create(): void {
    this.open({ mode: 'create', tree: this.tree() ?? [] });
  }

  act(action: RegionAction, region: OrgTreeNode): void {
    const tree = this.tree() ?? [];
    switch (action) {
      case 'addChild':
        this.open({ mode: 'create', tree, parentId: region.id });
        break;
      case 'rename':
        this.open({ mode: 'rename', tree, region });
        break;
      case 'move':
        this.open({ mode: 'move', tree, region });
        break;
    }
  }

  private open(data: RegionDialogData): void {
    this.dialog
      .open<RegionDialog, RegionDialogData, Region>(RegionDialog, {
        data,
        width: '560px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((region): region is Region => region !== undefined))
      .subscribe((region) => {
        if (region.parentId) {
          this.collapsed.update((ids) => new Set([...ids].filter((id) => id !== region.parentId)));
        }
        this.reload();
        this.notifier.info(DONE[data.mode], { name: region.name });
      });
  }
}
