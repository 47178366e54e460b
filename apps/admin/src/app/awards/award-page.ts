import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Permission, type Award, type ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { CERTIFICATE_STATUS_LOOK } from '../me/certificate-status';
import { AwardDialogs } from './award-dialogs';
import { COUNTS_FROM_LABELS, SOURCE_LABELS } from './award-labels';
import { AwardsApi } from './awards-api';

type LoadResult = { award: Award; problem?: never } | { award?: never; problem: ProblemDetails };

/** One award: who, what (which version), the dates and why, the result, its history links; renew or revoke. */
@Component({
  selector: 'bv-award-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './award-page.html',
  styleUrl: './award-page.scss',
})
export class AwardPage {
  protected readonly i18n = inject(I18n);
  private readonly auth = inject(AuthStore);
  protected readonly canWrite = this.auth.can(Permission.AwardsWrite);
  protected readonly canSeeStaff = this.auth.can(Permission.StaffRead);
  protected readonly canSeeCatalogue = this.auth.can(Permission.CatalogueRead);
  private readonly api = inject(AwardsApi);
  private readonly dialogs = inject(AwardDialogs);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  protected readonly looks = CERTIFICATE_STATUS_LOOK;
  protected readonly countsFromLabels = COUNTS_FROM_LABELS;
  protected readonly sourceLabels = SOURCE_LABELS;

  private readonly id = toSignal(this.route.paramMap.pipe(map((p) => p.get('id') ?? '')), {
    requireSync: true,
  });
  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);
  protected readonly loading = signal(true);
  protected readonly award = computed(() => this.result()?.award ?? null);
  protected readonly problem = computed(() => this.result()?.problem ?? null);
  protected readonly notFound = computed(() => this.problem()?.status === 404);

  constructor() {
    toObservable(computed(() => ({ id: this.id(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ id }) =>
          this.api.get(id).pipe(
            map((award): LoadResult => ({ award })),
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

  protected renew(award: Award): void {
    this.dialogs
      .renew(this.injector, award)
      .subscribe(({ award: renewed }) => void this.router.navigate(['/awards', renewed.id]));
  }

  protected revoke(award: Award): void {
    this.dialogs.revoke(this.injector, award).subscribe((revoked) => this.result.set({ award: revoked }));
  }

  protected score(award: Award): string | null {
    const score = award.assessmentResult?.score;
    return score === null || score === undefined ? null : `${this.i18n.number(score)} %`;
  }
}
