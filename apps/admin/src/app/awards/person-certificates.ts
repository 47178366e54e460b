import { ChangeDetectionStrategy, Component, Injector, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Permission, type ProblemDetails, type StaffCredentials, type StaffDetail } from '@brevet/contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { CERTIFICATE_STATUS_LOOK } from '../me/certificate-status';
import { AwardDialogs } from './award-dialogs';
import { AwardsApi } from './awards-api';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; problem: ProblemDetails }
  | { status: 'ready'; credentials: StaffCredentials };

/**
 * A person's certificates on their page: per credential the award that counts (or the latest), its status
 * and dates, and how many earlier awards there are. HR admins award a certificate from here.
 */
@Component({
  selector: 'bv-person-certificates',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bv-panel-head">
      <h2 id="certificates-heading">{{ 'awards.person.title' | t }}</h2>
      <div class="bv-actions">
        <a mat-button routerLink="/awards" [queryParams]="{ staffId: person().id }">{{
          'awards.person.all' | t
        }}</a>
        @if (canWrite && person().status !== 'left') {
          <button type="button" mat-stroked-button (click)="issue()">
            <mat-icon svgIcon="add" aria-hidden="true" />
            {{ 'awards.issueAction' | t }}
          </button>
        }
      </div>
    </div>
    @switch (load().status) {
      @case ('loading') {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'awards.person.loading' | t" />
      }
      @case ('failed') {
        <div class="bv-state error" role="alert">
          <p>{{ 'awards.person.loadFailed' | t }}</p>
          <button type="button" mat-stroked-button (click)="reload()">{{ 'common.retry' | t }}</button>
        </div>
      }
      @case ('ready') {
        @if (items().length === 0) {
          <p class="none">{{ 'awards.person.none' | t }}</p>
        } @else {
          <ul class="list">
            @for (item of items(); track item.credential.id) {
              <li>
                <div class="line">
                  <a class="bv-link" [routerLink]="['/awards', item.award.id]">{{
                    i18n.localized(item.credential.title)
                  }}</a>
                  <span class="bv-badge" [class]="looks[item.status].tone">{{
                    looks[item.status].label | t
                  }}</span>
                </div>
                <span class="bv-secondary">
                  {{ 'awards.person.issued' | t: { date: i18n.day(item.award.issuedOn) } }} ·
                  @if (item.award.validUntil) {
                    {{ 'awards.person.validUntil' | t: { date: i18n.day(item.award.validUntil) } }}
                  } @else {
                    {{ 'awards.noExpiry' | t }}
                  }
                  @if (item.history.length > 1) {
                    · {{ 'awards.person.earlier' | t: { count: item.history.length - 1 } }}
                  }
                </span>
              </li>
            }
          </ul>
        }
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .none {
      margin: 0;
      padding: 0 20px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .list {
      margin: 0;
      padding: 0 20px 12px;
      list-style: none;
    }
    li {
      padding: 10px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 4px 12px;
    }
    .bv-state {
      padding: 16px;
    }
  `,
})
export class PersonCertificates {
  readonly person = input.required<StaffDetail>();

  protected readonly i18n = inject(I18n);
  protected readonly canWrite = inject(AuthStore).can(Permission.AwardsWrite);
  protected readonly looks = CERTIFICATE_STATUS_LOOK;
  private readonly api = inject(AwardsApi);
  private readonly dialogs = inject(AwardDialogs);
  private readonly injector = inject(Injector);
  private readonly reloads = signal(0);

  protected readonly load = signal<Load>({ status: 'loading' });
  protected readonly items = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? load.credentials.items : [];
  });

  constructor() {
    toObservable(computed(() => ({ id: this.person().id, reload: this.reloads() })))
      .pipe(
        switchMap(({ id }) =>
          this.api.staffCredentials(id).pipe(
            map((credentials): Load => ({ status: 'ready', credentials })),
            catchError((error: unknown) => of<Load>({ status: 'failed', problem: toProblem(error) })),
            startWith<Load>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((load) => this.load.set(load));
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected issue(): void {
    this.dialogs.issue(this.injector, { person: this.person() }).subscribe(() => this.reload());
  }
}
