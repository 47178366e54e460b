import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TrainingSessionRoutes, type MyTrainingSessions, type TrainingSession } from '@brevet/contracts';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { SESSION_STATUS_LOOK, sessionWhen } from './session-format';
import { sessionProblemKey } from './session-problems';
import { SessionsApi } from './sessions-api';

/**
 * The employee's training sessions, one column for phones: what they are enrolled in (or waiting for), the
 * sessions of their region they can join, and the sessions they teach. Enrol and cancel in one tap.
 */
@Component({
  selector: 'bv-my-sessions-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="bv-page-header">
      <div>
        <h1>{{ 'trainingSessions.mine.title' | t }}</h1>
        <p class="bv-intro">{{ 'trainingSessions.mine.intro' | t }}</p>
      </div>
      <div class="bv-actions">
        <a mat-stroked-button [href]="feed" download>
          <mat-icon svgIcon="event" aria-hidden="true" />
          {{ 'trainingSessions.calendarFeed' | t }}
        </a>
      </div>
    </header>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'trainingSessions.loading' | t" />
    }
    @if (failed()) {
      <p class="bv-state" role="alert">{{ 'trainingSessions.loadFailed' | t }}</p>
    } @else if (data(); as d) {
      @for (group of groups(); track group.key) {
        <section class="bv-panel" [attr.aria-labelledby]="'group-' + group.key">
          <h2 [id]="'group-' + group.key">{{ group.label | t }}</h2>
          @if (group.items.length === 0) {
            <p class="bv-muted">{{ group.empty | t }}</p>
          } @else {
            <ul class="cards" role="list">
              @for (s of group.items; track s.id) {
                <li class="card">
                  <a [routerLink]="['/sessions', s.id]" class="title">{{
                    i18n.localized(s.definitionTitle)
                  }}</a>
                  <span>{{ when(s) }}</span>
                  <span class="bv-muted">{{ s.branchName }} · {{ s.location }}</span>
                  <span class="bv-muted">
                    {{ 'trainingSessions.seats' | t: { enrolled: s.enrolledCount, capacity: s.capacity } }}
                  </span>
                  <div class="row">
                    @if (s.status !== 'scheduled') {
                      <span class="bv-badge" [class]="looks[s.status].tone">{{
                        looks[s.status].label | t
                      }}</span>
                    }
                    @if (s.myEnrolment; as mine) {
                      <span class="bv-badge" [class]="mine.status === 'enrolled' ? 'success' : 'warning'">
                        {{
                          (mine.status === 'enrolled'
                            ? 'trainingSessions.mine.enrolledBadge'
                            : 'trainingSessions.mine.waitingBadge'
                          ) | t: { position: mine.waitlistPosition ?? 0 }
                        }}
                      </span>
                      @if (open(s)) {
                        <button
                          type="button"
                          mat-stroked-button
                          (click)="cancel(s)"
                          [disabled]="busy() === s.id"
                        >
                          {{ 'trainingSessions.mine.cancel' | t }}
                        </button>
                      }
                    } @else if (s.allowed.enrolSelf) {
                      <button type="button" mat-flat-button (click)="enrol(s)" [disabled]="busy() === s.id">
                        {{
                          (s.enrolledCount < s.capacity
                            ? 'trainingSessions.mine.enrol'
                            : 'trainingSessions.mine.joinWaitingList'
                          ) | t
                        }}
                      </button>
                    }
                  </div>
                </li>
              }
            </ul>
          }
        </section>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      max-width: 760px;
    }
    .bv-panel {
      padding: 16px;
      margin-bottom: 16px;
    }
    h2 {
      margin: 0 0 8px;
      font-size: 1.1rem;
    }
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .title {
      font-weight: 500;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-top: 6px;
    }
  `,
})
export class MySessionsPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(SessionsApi);
  private readonly notifier = inject(Notifier);
  protected readonly looks = SESSION_STATUS_LOOK;
  protected readonly feed = TrainingSessionRoutes.myFeed;
  protected readonly data = signal<MyTrainingSessions | null>(null);
  protected readonly loading = signal(true);
  protected readonly failed = signal(false);
  protected readonly busy = signal<string | null>(null);

  protected readonly groups = computed(() => {
    const d = this.data();
    if (!d) return [];
    const groups = [
      {
        key: 'mine',
        label: 'trainingSessions.mine.enrolments',
        empty: 'trainingSessions.mine.noEnrolments',
        items: d.mine,
      },
      {
        key: 'open',
        label: 'trainingSessions.mine.open',
        empty: 'trainingSessions.mine.noOpen',
        items: d.open,
      },
    ] as const;
    return d.teaching.length > 0
      ? [
          ...groups,
          {
            key: 'teaching',
            label: 'trainingSessions.mine.teaching',
            empty: 'trainingSessions.mine.noOpen',
            items: d.teaching,
          } as const,
        ]
      : groups;
  });

  constructor() {
    this.load();
  }

  protected when(s: TrainingSession): string {
    return sessionWhen(this.i18n, s);
  }

  protected open(s: TrainingSession): boolean {
    return s.status === 'scheduled' && Date.now() < Date.parse(s.startsAt);
  }

  protected enrol(s: TrainingSession): void {
    this.act(s, this.api.enrolSelf(s.id));
  }

  protected cancel(s: TrainingSession): void {
    this.act(s, this.api.cancelSelf(s.id));
  }

  private act(s: TrainingSession, call: ReturnType<SessionsApi['enrolSelf']>): void {
    this.busy.set(s.id);
    call.subscribe({
      next: (session) => {
        this.busy.set(null);
        this.notifier.info(
          session.myEnrolment === null
            ? 'trainingSessions.mine.cancelled'
            : session.myEnrolment.status === 'enrolled'
              ? 'trainingSessions.mine.enrolledNotice'
              : 'trainingSessions.mine.waitingNotice',
          { position: session.myEnrolment?.waitlistPosition ?? 0 },
        );
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.notifier.info(sessionProblemKey(toProblem(error)));
        this.load();
      },
    });
  }

  private load(): void {
    this.api.mine().subscribe({
      next: (d) => {
        this.loading.set(false);
        this.failed.set(false);
        this.data.set(d);
      },
      error: () => {
        this.loading.set(false);
        this.failed.set(true);
      },
    });
  }
}
