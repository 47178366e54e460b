import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ComplianceStatus, MyRequirement, MyRequirements } from '@brevet/contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { SelfServiceApi } from './self-service-api';

type Load = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; data: MyRequirements };

/** What a status asks of the person: the badge, its tone, and the sentence with the due day. */
const LOOK: Record<ComplianceStatus, { tone: string; sentence: TranslationKey; act: boolean }> = {
  missing_overdue: { tone: 'error', sentence: 'me.todo.overdue', act: true },
  expired: { tone: 'error', sentence: 'me.todo.expired', act: true },
  missing_in_grace: { tone: 'warning', sentence: 'me.todo.inGrace', act: true },
  expiring: { tone: 'warning', sentence: 'me.todo.expiring', act: true },
  compliant: { tone: 'success', sentence: 'me.validUntil', act: false },
  exempt: { tone: '', sentence: 'me.todo.exempt', act: false },
};

/**
 * "What you must get, and by when": the person's own requirements from the compliance engine, most urgent
 * first, each with what to do (send in a certificate). What is in order is only counted.
 */
@Component({
  selector: 'bv-my-requirements',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-requirements.html',
  styleUrl: './my-requirements.scss',
})
export class MyRequirementsPanel {
  private readonly api = inject(SelfServiceApi);
  protected readonly i18n = inject(I18n);
  protected readonly look = LOOK;
  private readonly auth = inject(AuthStore);
  private readonly reloads = signal(0);
  /** Texts come in the person's language: loaded again when it is saved, as on My certificates. */
  private readonly loadTrigger = computed(() => [this.reloads(), this.auth.me()?.language] as const);

  protected readonly load = toSignal(
    toObservable(this.loadTrigger).pipe(
      switchMap(() =>
        this.api.requirements().pipe(
          map((data): Load => ({ status: 'ready', data })),
          catchError(() => of<Load>({ status: 'failed' })),
          startWith<Load>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as Load },
  );
  private readonly items = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? load.data.items : [];
  });
  /** What needs doing, most urgent first (the API's order). */
  protected readonly todo = computed(() => this.items().filter((item) => LOOK[item.status].act));
  protected readonly inOrder = computed(() => this.items().length - this.todo().length);

  protected statusLabel(status: ComplianceStatus): TranslationKey {
    return `me.todo.status.${status}`;
  }

  protected sentence(item: MyRequirement): string {
    const key = LOOK[item.status].sentence;
    const date = item.status === 'exempt' ? item.exemptUntil : item.dueOn;
    return date ? this.i18n.t(key, { date: this.i18n.day(date) }) : this.i18n.t('me.noExpiry');
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }
}
