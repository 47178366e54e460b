import type { ComponentType } from '@angular/cdk/portal';
import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog, type MatDialogConfig } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Permission, type ProblemDetails, type StaffDetail, type StaffStatus } from '@brevet/contracts';
import { catchError, filter, map, of, switchMap, tap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey, type TranslationParams } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { ChangeDialog, type ChangeDialogData, type ChangeMode } from './change-dialog';
import {
  LANGUAGE_LABELS,
  PersonDialog,
  type PersonDialogData,
  type PersonDialogResult,
} from './person-dialog';
import { PersonCertificates } from '../awards/person-certificates';
import { PersonHistory } from './person-history';
import { StaffApi } from './staff-api';
import { StaffLookups } from './staff-lookups';
import { STAFF_STATUS_LABELS, StaffStatusBadge } from './staff-status';

type LoadResult = { person: StaffDetail; problem?: never } | { person?: never; problem: ProblemDetails };

/** One person: who they are, where and as what they work, and since when. Changes are made from here. */
@Component({
  selector: 'bv-person-page',
  imports: [
    MatButtonModule,
    MatChipsModule,
    MatDividerModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    PersonCertificates,
    PersonHistory,
    RouterLink,
    StaffStatusBadge,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './person-page.html',
  styleUrl: './person-page.scss',
})
export class PersonPage {
  protected readonly i18n = inject(I18n);
  /** Whether the person may change staff records (managers may only look). */
  protected readonly canEdit = inject(AuthStore).can(Permission.StaffWrite);
  /** Whether the person may see certificates (the awards of people in their scope). */
  protected readonly canSeeAwards = inject(AuthStore).can(Permission.AwardsRead);
  protected readonly lookups = inject(StaffLookups);
  private readonly api = inject(StaffApi);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);

  protected readonly languageLabels = LANGUAGE_LABELS;
  private readonly id = toSignal(this.route.paramMap.pipe(map((params) => params.get('id') ?? '')), {
    requireSync: true,
  });
  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);

  protected readonly loading = signal(true);
  protected readonly person = computed(() => this.result()?.person ?? null);
  protected readonly problem = computed(() => this.result()?.problem ?? null);
  protected readonly notFound = computed(() => this.problem()?.status === 404);
  protected readonly initials = computed(() => {
    const person = this.person();
    return person ? `${person.givenName.charAt(0)}${person.familyName.charAt(0)}`.toUpperCase() : '';
  });

  constructor() {
    this.lookups.refresh();
    toObservable(computed(() => ({ id: this.id(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ id }) =>
          this.api.get(id).pipe(
            map((person): LoadResult => ({ person })),
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

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected editDetails(person: StaffDetail): void {
    this.open(PersonDialog, { person } satisfies PersonDialogData, 'person.done.details', {
      name: fullName(person),
    });
  }

  protected change(person: StaffDetail, mode: ChangeMode): void {
    this.open(ChangeDialog, { mode, person } satisfies ChangeDialogData, `person.done.${mode}`);
  }

  protected changeStatus(person: StaffDetail, status: StaffStatus): void {
    this.open(
      ChangeDialog,
      { mode: 'status', person, status } satisfies ChangeDialogData,
      'person.done.status',
    );
  }

  private open<C, D extends PersonDialogData | ChangeDialogData>(
    component: ComponentType<C>,
    data: D,
    done: TranslationKey,
    params?: TranslationParams,
  ): void {
    const config: MatDialogConfig<D> = {
      data,
      width: component === PersonDialog ? '720px' : '560px',
      maxWidth: 'calc(100vw - 24px)',
      autoFocus: 'first-tabbable',
      injector: this.injector,
    };
    this.dialog
      .open<C, D, PersonDialogResult>(component, config)
      .afterClosed()
      .pipe(filter((result): result is PersonDialogResult => result !== undefined))
      .subscribe((result) => {
        if (result === 'reload') {
          this.reload();
          return;
        }
        this.result.set({ person: result });
        this.notifier.info(done, {
          name: fullName(result),
          branch: result.branchName,
          status: this.i18n.t(STAFF_STATUS_LABELS[result.status]),
          ...params,
        });
      });
  }
}

function fullName(person: { givenName: string; familyName: string }): string {
  return `${person.givenName} ${person.familyName}`;
}
