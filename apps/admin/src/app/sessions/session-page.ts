import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  TrainingSessionRoutes,
  type ProblemDetails,
  type SessionParticipant,
  type SessionStaffOption,
  type TrainingSessionDetail,
} from '@brevet/contracts';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, startWith, switchMap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { SessionDialog, type SessionDialogData } from './session-dialog';
import { SESSION_STATUS_LOOK, sessionWhen } from './session-format';
import { sessionProblemKey } from './session-problems';
import { SessionsApi } from './sessions-api';

type Mark = { attended: boolean; passed: boolean };

/**
 * One session: details, the calendar file, participants and the waiting list. Managers enrol their staff and
 * take people off; the instructor (or a manager) marks attendance and result per person, a list that works on a
 * phone, then "Issue certificates" issues the credential to everyone who passed (after a confirmation).
 */
@Component({
  selector: 'bv-session-page',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="bv-back" [routerLink]="backLink()">
      <mat-icon svgIcon="arrowBack" aria-hidden="true" />
      {{ 'trainingSessions.back' | t }}
    </a>
    @if (problem()) {
      <p class="bv-state" role="alert">{{ 'trainingSessions.errors.notFound' | t }}</p>
    } @else if (session(); as s) {
      <header class="bv-page-header">
        <div>
          <h1>{{ i18n.localized(s.definitionTitle) }}</h1>
          <p class="bv-intro">
            <span class="bv-badge" [class]="looks[s.status].tone">{{ looks[s.status].label | t }}</span>
            {{ when(s) }} · {{ s.timeZone }}
          </p>
        </div>
        <div class="bv-actions">
          <a mat-stroked-button [href]="icsUrl(s)" download>
            <mat-icon svgIcon="event" aria-hidden="true" />
            {{ 'trainingSessions.addToCalendar' | t }}
          </a>
          @if (s.allowed.manage && s.status === 'scheduled') {
            <button type="button" mat-stroked-button (click)="edit(s)">
              <mat-icon svgIcon="edit" aria-hidden="true" />
              {{ 'trainingSessions.edit' | t }}
            </button>
            <button type="button" mat-stroked-button (click)="cancelSession(s)">
              {{ 'trainingSessions.cancelSession' | t }}
            </button>
          }
        </div>
      </header>

      <section class="bv-panel facts" [attr.aria-label]="'trainingSessions.details' | t">
        <dl>
          <dt>{{ 'trainingSessions.columns.branch' | t }}</dt>
          <dd>{{ s.branchName }}</dd>
          <dt>{{ 'trainingSessions.dialog.location' | t }}</dt>
          <dd>{{ s.location }}</dd>
          <dt>{{ 'trainingSessions.columns.instructor' | t }}</dt>
          <dd>{{ s.instructor.name }}</dd>
          <dt>{{ 'trainingSessions.columns.seats' | t }}</dt>
          <dd>
            {{ 'trainingSessions.seats' | t: { enrolled: s.enrolledCount, capacity: s.capacity } }}
            @if (s.waitlistCount > 0) {
              · {{ 'trainingSessions.waiting' | t: { count: s.waitlistCount } }}
            }
          </dd>
        </dl>
        @if (s.myEnrolment; as mine) {
          <p class="bv-callout" role="status">
            {{
              (mine.status === 'enrolled'
                ? 'trainingSessions.mine.enrolled'
                : 'trainingSessions.mine.waiting'
              ) | t: { position: mine.waitlistPosition ?? 0 }
            }}
          </p>
          @if (open(s)) {
            <button type="button" mat-stroked-button (click)="cancelSelf(s)" [disabled]="busy()">
              {{ 'trainingSessions.mine.cancel' | t }}
            </button>
          }
        } @else if (s.allowed.enrolSelf) {
          <button type="button" mat-flat-button (click)="enrolSelf(s)" [disabled]="busy()">
            {{
              (s.enrolledCount < s.capacity
                ? 'trainingSessions.mine.enrol'
                : 'trainingSessions.mine.joinWaitingList'
              ) | t
            }}
          </button>
        }
      </section>

      @if (s.allowed.manage && open(s)) {
        <section class="bv-panel enrol" [attr.aria-label]="'trainingSessions.enrol.title' | t">
          <h2>{{ 'trainingSessions.enrol.title' | t }}</h2>
          <div class="enrol-row">
            <mat-form-field class="grow">
              <mat-label>{{ 'trainingSessions.enrol.person' | t }}</mat-label>
              <input matInput name="person" [formControl]="personSearch" [matAutocomplete]="personAuto" />
              <mat-autocomplete
                #personAuto="matAutocomplete"
                [displayWith]="personName"
                (optionSelected)="picked.set($event.option.value)"
              >
                @for (p of people(); track p.id) {
                  <mat-option [value]="p"
                    >{{ p.name }} · {{ p.employeeNumber }} · {{ p.branchName }}</mat-option
                  >
                }
              </mat-autocomplete>
            </mat-form-field>
            <button type="button" mat-flat-button [disabled]="!picked() || busy()" (click)="enrol(s)">
              {{ 'trainingSessions.enrol.submit' | t }}
            </button>
          </div>
        </section>
      }

      @if (s.allowed.manage || s.allowed.record) {
        <section class="bv-panel" [attr.aria-label]="'trainingSessions.participants' | t">
          <h2>{{ 'trainingSessions.participants' | t }} ({{ s.participants.length }})</h2>
          @if (s.participants.length === 0) {
            <p class="bv-state">{{ 'trainingSessions.noParticipants' | t }}</p>
          } @else {
            @if (s.allowed.record && !started(s)) {
              <p class="bv-muted hint">{{ 'trainingSessions.attendance.notYet' | t }}</p>
            }
            <ul class="people" role="list">
              @for (p of s.participants; track p.staffId) {
                <li class="person" [attr.data-staff-id]="p.staffId">
                  <div class="who">
                    <strong>{{ p.name }}</strong>
                    <span class="bv-muted">{{ p.employeeNumber }} · {{ p.branchName }}</span>
                    @if (p.awardId) {
                      <span class="bv-badge success">{{ 'trainingSessions.attendance.certified' | t }}</span>
                    }
                  </div>
                  @if (canMark(s)) {
                    <div class="marks" role="group" [attr.aria-label]="p.name">
                      <mat-checkbox
                        [checked]="mark(p).attended"
                        [disabled]="p.awardId !== null"
                        (change)="setMark(p, { attended: $event.checked })"
                        >{{ 'trainingSessions.attendance.attended' | t }}</mat-checkbox
                      >
                      <mat-checkbox
                        [checked]="mark(p).passed"
                        [disabled]="p.awardId !== null || !mark(p).attended"
                        (change)="setMark(p, { passed: $event.checked })"
                        >{{ 'trainingSessions.attendance.passed' | t }}</mat-checkbox
                      >
                    </div>
                  } @else if (p.attended !== null) {
                    <span class="bv-muted">
                      {{
                        (p.attended
                          ? 'trainingSessions.attendance.attended'
                          : 'trainingSessions.attendance.absent'
                        ) | t
                      }}
                      @if (p.passed) {
                        · {{ 'trainingSessions.attendance.passed' | t }}
                      }
                    </span>
                  }
                  @if (s.allowed.manage && open(s)) {
                    <button
                      type="button"
                      mat-icon-button
                      [attr.aria-label]="'trainingSessions.remove' | t: { name: p.name }"
                      (click)="remove(s, p)"
                    >
                      <mat-icon svgIcon="close" aria-hidden="true" />
                    </button>
                  }
                </li>
              }
            </ul>
            @if (canMark(s)) {
              <div class="bv-actions record-actions">
                <button
                  type="button"
                  mat-stroked-button
                  (click)="saveAttendance(s)"
                  [disabled]="busy() || !dirty()"
                >
                  {{ 'trainingSessions.attendance.save' | t }}
                </button>
                <button
                  type="button"
                  mat-flat-button
                  (click)="issue(s)"
                  [disabled]="busy() || dirty() || toIssue(s) === 0"
                >
                  {{ 'trainingSessions.attendance.issue' | t: { count: toIssue(s) } }}
                </button>
              </div>
            }
          }
        </section>
        @if (s.waitingList.length > 0) {
          <section class="bv-panel" [attr.aria-label]="'trainingSessions.waitingList' | t">
            <h2>{{ 'trainingSessions.waitingList' | t }} ({{ s.waitingList.length }})</h2>
            <ol class="people">
              @for (p of s.waitingList; track p.staffId) {
                <li class="person">
                  <div class="who">
                    <strong>{{ p.waitlistPosition }}. {{ p.name }}</strong>
                    <span class="bv-muted">{{ p.employeeNumber }} · {{ p.branchName }}</span>
                  </div>
                  @if (s.allowed.manage && open(s)) {
                    <button
                      type="button"
                      mat-icon-button
                      [attr.aria-label]="'trainingSessions.remove' | t: { name: p.name }"
                      (click)="remove(s, p)"
                    >
                      <mat-icon svgIcon="close" aria-hidden="true" />
                    </button>
                  }
                </li>
              }
            </ol>
          </section>
        }
      }
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
    } @else {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'trainingSessions.loading' | t" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .facts dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 0 0 12px;
    }
    .facts dt {
      font-weight: 500;
    }
    .facts dd {
      margin: 0;
    }
    .bv-panel {
      padding: 16px;
      margin-bottom: 16px;
    }
    h2 {
      margin: 0 0 8px;
      font-size: 1.1rem;
    }
    .enrol-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: baseline;
    }
    .grow {
      flex: 1;
      min-width: 240px;
    }
    .people {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .person {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
      padding: 10px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .who {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-width: 180px;
    }
    .marks {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
    .record-actions {
      margin-top: 12px;
      flex-wrap: wrap;
    }
    .hint {
      margin: 0 0 8px;
    }
  `,
})
export class SessionPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(SessionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);

  protected readonly looks = SESSION_STATUS_LOOK;
  protected readonly session = signal<TrainingSessionDetail | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  /** Attendance marks changed here and not saved yet. */
  private readonly marks = signal<Record<string, Mark>>({});
  protected readonly dirty = computed(() => Object.keys(this.marks()).length > 0);
  protected readonly backLink = computed(() =>
    this.session()?.allowed.manage ? '/sessions' : '/sessions/mine',
  );

  protected readonly personSearch = new FormControl<string | SessionStaffOption>('', { nonNullable: true });
  protected readonly picked = signal<SessionStaffOption | null>(null);
  protected readonly people = toSignal(
    this.personSearch.valueChanges.pipe(
      startWith(''),
      debounceTime(250),
      map((q) => (typeof q === 'string' ? q.trim() : null)),
      filter((q): q is string => q !== null),
      distinctUntilChanged(),
      switchMap((q) => this.api.people(q).pipe(catchError(() => of([])))),
    ),
    { initialValue: [] as SessionStaffOption[] },
  );

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('id') ?? ''),
        switchMap((id) => this.api.get(id).pipe(catchError((e: unknown) => of(toProblem(e))))),
      )
      .subscribe((result) => {
        if ('code' in result) this.problem.set(result);
        else this.show(result);
      });
  }

  protected readonly personName = (p: SessionStaffOption | string | null): string =>
    typeof p === 'string' ? p : (p?.name ?? '');

  protected when(s: TrainingSessionDetail): string {
    return sessionWhen(this.i18n, s);
  }

  protected icsUrl(s: TrainingSessionDetail): string {
    return TrainingSessionRoutes.ics(s.id);
  }

  protected open(s: TrainingSessionDetail): boolean {
    return s.status === 'scheduled' && Date.now() < Date.parse(s.startsAt);
  }

  protected started(s: TrainingSessionDetail): boolean {
    return Date.now() >= Date.parse(s.startsAt);
  }

  protected canMark(s: TrainingSessionDetail): boolean {
    return s.allowed.record && s.status === 'scheduled' && this.started(s);
  }

  protected mark(p: SessionParticipant): Mark {
    return this.marks()[p.staffId] ?? { attended: p.attended ?? false, passed: p.passed ?? false };
  }

  protected setMark(p: SessionParticipant, change: Partial<Mark>): void {
    const next = { ...this.mark(p), ...change };
    if (!next.attended) next.passed = false;
    this.marks.update((m) => ({ ...m, [p.staffId]: next }));
  }

  /** People who passed (as saved) and have no certificate yet. */
  protected toIssue(s: TrainingSessionDetail): number {
    return s.participants.filter((p) => p.passed === true && p.awardId === null).length;
  }

  protected saveAttendance(s: TrainingSessionDetail): void {
    const records = s.participants
      .filter((p) => p.awardId === null)
      .map((p) => ({ staffId: p.staffId, ...this.mark(p) }));
    this.run(this.api.recordAttendance(s.id, { records }), () =>
      this.notifier.info('trainingSessions.attendance.saved'),
    );
  }

  protected issue(s: TrainingSessionDetail): void {
    const count = this.toIssue(s);
    this.confirm(
      'trainingSessions.confirmIssue.title',
      'trainingSessions.confirmIssue.text',
      'trainingSessions.confirmIssue.confirm',
      {
        count,
        title: this.i18n.localized(s.definitionTitle),
      },
    ).subscribe(() => {
      this.busy.set(true);
      this.api.issueCertificates(s.id).subscribe({
        next: (result) => {
          this.busy.set(false);
          this.show(result.session);
          this.notifier.info('trainingSessions.confirmIssue.done', { count: result.issued });
        },
        error: (error: unknown) => this.fail(error),
      });
    });
  }

  protected enrol(s: TrainingSessionDetail): void {
    const person = this.picked();
    if (!person) return;
    this.busy.set(true);
    this.api.enrol(s.id, [person.id]).subscribe({
      next: ([result]) => {
        this.picked.set(null);
        this.personSearch.setValue('');
        this.notifier.info(
          result.status === 'enrolled' ? 'trainingSessions.enrol.done' : 'trainingSessions.enrol.waiting',
          { name: person.name, position: result.waitlistPosition ?? 0 },
        );
        this.reload(s.id);
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected remove(s: TrainingSessionDetail, p: SessionParticipant): void {
    this.confirm(
      'trainingSessions.confirmRemove.title',
      'trainingSessions.confirmRemove.text',
      'trainingSessions.confirmRemove.confirm',
      {
        name: p.name,
      },
    ).subscribe(() => this.run(this.api.cancelEnrolment(s.id, p.staffId)));
  }

  protected enrolSelf(s: TrainingSessionDetail): void {
    this.run(this.api.enrolSelf(s.id));
  }

  protected cancelSelf(s: TrainingSessionDetail): void {
    this.confirm(
      'trainingSessions.mine.cancelTitle',
      'trainingSessions.mine.cancelText',
      'trainingSessions.mine.cancel',
      {
        title: this.i18n.localized(s.definitionTitle),
      },
    ).subscribe(() => this.run(this.api.cancelSelf(s.id)));
  }

  protected edit(s: TrainingSessionDetail): void {
    this.dialog
      .open<SessionDialog, SessionDialogData, string>(SessionDialog, {
        data: { session: s },
        injector: this.injector,
        width: '560px',
        maxWidth: '100vw',
      })
      .afterClosed()
      .pipe(filter((id): id is string => typeof id === 'string'))
      .subscribe((id) => this.reload(id));
  }

  protected cancelSession(s: TrainingSessionDetail): void {
    this.confirm(
      'trainingSessions.confirmCancel.title',
      'trainingSessions.confirmCancel.text',
      'trainingSessions.confirmCancel.confirm',
      {
        count: s.enrolledCount + s.waitlistCount,
      },
    ).subscribe(() => this.run(this.api.cancel(s.id)));
  }

  private confirm(
    title: Parameters<I18n['t']>[0],
    message: Parameters<I18n['t']>[0],
    confirm: Parameters<I18n['t']>[0],
    params: Record<string, string | number>,
  ) {
    return this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: this.i18n.t(title, params),
          message: this.i18n.t(message, params),
          confirm: this.i18n.t(confirm, params),
        },
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((ok) => ok === true));
  }

  private run(call: ReturnType<SessionsApi['get']>, done?: () => void): void {
    this.busy.set(true);
    call.subscribe({
      next: (session) => {
        this.busy.set(false);
        this.show(session);
        done?.();
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private reload(id: string): void {
    this.run(this.api.get(id));
  }

  private show(session: TrainingSessionDetail): void {
    this.marks.set({});
    this.session.set(session);
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    const problem = toProblem(error);
    this.notifier.info(sessionProblemKey(problem));
    const id = this.session()?.id;
    if (id) this.api.get(id).subscribe({ next: (s) => this.show(s), error: () => undefined });
  }
}
