import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { DEFAULT_PAGE_SIZE, type ComplianceExemption, type ComplianceExemptionPage } from '@brevet/contracts';
import { filter, map, switchMap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { LOADING, track, type Load } from '../dashboard/load-state';
import { ExemptionDialog, type ExemptionDialogData } from './exemption-dialog';
import { RulesApi } from './rules-api';
import { RULE_PAGE_SIZES } from './rules-query';
import { RulesTabs } from './rules-tabs';

type Column = 'person' | 'credential' | 'reason' | 'until' | 'grantedBy' | 'actions';

interface ExemptionsView {
  page: number;
  pageSize: number;
  /** Also those that have ended. */
  ended: boolean;
}

/** Exemptions (HR only): who need not hold which credential until when, and why. Page and filter in the URL. */
@Component({
  selector: 'bv-exemptions-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTableModule,
    RouterLink,
    RulesTabs,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exemptions-page.html',
  styleUrl: './exemptions-page.scss',
})
export class ExemptionsPage {
  private readonly api = inject(RulesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly notifier = inject(Notifier);
  private readonly viewport = inject(Viewport);
  protected readonly i18n = inject(I18n);

  protected readonly phone = this.viewport.phone;
  protected readonly pageSizes = RULE_PAGE_SIZES;
  protected readonly trackById = (_index: number, e: ComplianceExemption) => e.id;

  protected readonly view = toSignal(
    this.route.queryParamMap.pipe(
      map((params): ExemptionsView => {
        const page = Number(params.get('page'));
        const pageSize = Number(params.get('pageSize'));
        return {
          page: Number.isInteger(page) && page >= 1 ? page : 1,
          pageSize: (RULE_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
          ended: params.get('ended') === '1',
        };
      }),
    ),
    { requireSync: true },
  );
  private readonly reloads = signal(0);
  protected readonly list = toSignal(
    toObservable(computed(() => ({ view: this.view(), reload: this.reloads() }))).pipe(
      switchMap(({ view }) =>
        track(this.api.exemptions({ page: view.page, pageSize: view.pageSize, activeOnly: !view.ended })),
      ),
    ),
    { initialValue: LOADING as Load<ComplianceExemptionPage> },
  );
  protected readonly page = computed(() => {
    const list = this.list();
    return list.status === 'ok' ? list.value : null;
  });

  protected readonly columns = computed((): Column[] =>
    this.viewport.phone()
      ? ['person', 'until', 'actions']
      : ['person', 'credential', 'reason', 'until', 'grantedBy', 'actions'],
  );

  protected credential(e: ComplianceExemption): string {
    return this.i18n.localized(e.credential.title) || e.credential.code;
  }

  protected showEnded(ended: boolean): void {
    this.update({ ended, page: 1 });
  }

  protected paginate(event: PageEvent): void {
    this.update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected edit(exemption?: ComplianceExemption): void {
    this.dialog
      .open<ExemptionDialog, ExemptionDialogData, ComplianceExemption>(ExemptionDialog, {
        data: { exemption },
        width: '600px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((saved): saved is ComplianceExemption => saved !== undefined))
      .subscribe((saved) => {
        this.notifier.info(exemption ? 'rules.exemptions.saved' : 'rules.exemptions.granted', {
          name: `${saved.staff.givenName} ${saved.staff.familyName}`,
        });
        this.reload();
      });
  }

  protected withdraw(exemption: ComplianceExemption): void {
    const name = `${exemption.staff.givenName} ${exemption.staff.familyName}`;
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: this.i18n.t('rules.exemptions.withdraw.title'),
          message: this.i18n.t('rules.exemptions.withdraw.message', {
            name,
            credential: this.credential(exemption),
          }),
          confirm: this.i18n.t('rules.exemptions.withdraw.confirm'),
        },
        maxWidth: 'calc(100vw - 24px)',
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.removeExemption(exemption.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.info('rules.exemptions.withdrawn', { name });
          this.reload();
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  private update(change: Partial<ExemptionsView>): void {
    const view = { ...this.view(), ...change };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        page: view.page === 1 ? null : view.page,
        pageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
        ended: view.ended ? '1' : null,
      },
    });
  }
}
