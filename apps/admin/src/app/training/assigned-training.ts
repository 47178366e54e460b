import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { MyTraining, TrainingAssignment } from '@brevet/contracts';
import { catchError, map, of, switchMap } from 'rxjs';
import { I18n, TranslatePipe } from '../core/i18n';
import { ASSIGNMENT_STATUS_LOOK, dueLine, sessionStart } from './training-format';
import { TrainingApi } from './training-api';

/**
 * "Assigned to you" on My courses: what the compliance rules require of the person and what trains for it,
 * with the due day and one button (start the course, or see the sessions). Shows nothing when nothing is due.
 */
@Component({
  selector: 'bv-assigned-training',
  imports: [MatButtonModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length > 0) {
      <section class="assigned" aria-labelledby="assigned-heading">
        <h2 id="assigned-heading">{{ 'training.mine.heading' | t }}</h2>
        <p class="intro">{{ 'training.mine.intro' | t }}</p>
        <ul class="cards">
          @for (item of items(); track item.definitionId) {
            <li class="bv-panel card">
              <div class="head">
                <h3>{{ item.definitionTitle }}</h3>
                <span class="bv-badge" [class]="look(item).tone">{{ look(item).label | t }}</span>
              </div>
              <p class="meta">{{ due(item) }}</p>
              @if (item.enrolment; as e) {
                <p class="meta">
                  {{
                    (e.status === 'enrolled' ? 'training.mine.enrolled' : 'training.mine.waitlisted')
                      | t: { when: start(e.startsAt, e.timezone), branch: e.branchName }
                  }}
                </p>
              } @else if (item.sessions[0]; as s) {
                <p class="meta">
                  {{
                    'training.mine.nextSession'
                      | t: { when: start(s.startsAt, s.timezone), branch: s.branchName }
                  }}
                </p>
              }
              <div class="actions">
                @if (item.course; as c) {
                  @if (c.state !== 'passed') {
                    <a mat-flat-button [routerLink]="['/learn', c.courseId]">
                      {{
                        (c.state === 'in_progress'
                          ? 'training.mine.continueCourse'
                          : 'training.mine.startCourse'
                        ) | t
                      }}
                      · {{ c.title }}
                    </a>
                  }
                }
                @if (item.sessions.length > 0 || item.enrolment) {
                  <a mat-stroked-button routerLink="/sessions/mine">{{ 'training.mine.seeSessions' | t }}</a>
                }
              </div>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .assigned {
      margin-bottom: 24px;
    }
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 12px;
      grid-template-columns: repeat(auto-fill, minmax(280px, 1fr));
    }
    .card {
      padding: 16px;
    }
    .head {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      align-items: baseline;
    }
    .head h3 {
      margin: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class AssignedTraining {
  private readonly api = inject(TrainingApi);
  protected readonly i18n = inject(I18n);

  private readonly load = toSignal(
    toObservable(this.i18n.language).pipe(
      switchMap((lang) => this.api.mine(lang).pipe(catchError(() => of<MyTraining | null>(null)))),
      map((mine) => mine?.items ?? []),
    ),
    { initialValue: [] as TrainingAssignment[] },
  );
  protected readonly items = this.load;

  protected look(item: TrainingAssignment) {
    return ASSIGNMENT_STATUS_LOOK[item.status];
  }

  protected due(item: TrainingAssignment): string {
    return dueLine(this.i18n, item);
  }

  protected start(startsAt: string, timeZone: string): string {
    return sessionStart(this.i18n, startsAt, timeZone);
  }
}
