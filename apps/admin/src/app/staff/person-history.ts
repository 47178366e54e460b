import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { AssignmentPeriod, StaffDetail } from '@brevet/contracts';
import { addDays, today } from '../core/days';
import { I18n, TranslatePipe } from '../core/i18n';

interface Entry {
  id: string;
  name: string;
  code: string;
  when: string;
  current: boolean;
}

/**
 * A person's branch and role periods as two timelines, newest first: "since 1 Mar 2024" for an open
 * period, "1 Mar 2020 – 29 Feb 2024" for a closed one. The API's `validTo` is the first day *after* a
 * period, so the last day shown is the day before it.
 */
@Component({
  selector: 'bv-person-history',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './person-history.html',
  styleUrl: './person-history.scss',
})
export class PersonHistory {
  private readonly i18n = inject(I18n);

  readonly person = input.required<StaffDetail>();

  protected readonly branches = computed(() =>
    this.entries(this.person().branchHistory, (p) => ({ name: p.branchName, code: p.branchCode })),
  );
  protected readonly roles = computed(() =>
    this.entries(this.person().roleHistory, (p) => ({
      name: this.i18n.localized(p.jobRoleNames),
      code: p.jobRoleCode,
    })),
  );

  private entries<P extends AssignmentPeriod>(
    periods: readonly P[],
    describe: (period: P) => { name: string; code: string },
  ): Entry[] {
    const now = today();
    return [...periods]
      .sort(
        (a, b) =>
          b.validFrom.localeCompare(a.validFrom) || Number(a.validTo !== null) - Number(b.validTo !== null),
      )
      .map((period) => ({
        id: period.id,
        ...describe(period),
        when: this.when(period, now),
        current: period.validFrom <= now && (period.validTo === null || period.validTo > now),
      }));
  }

  private when(period: AssignmentPeriod, now: string): string {
    const from = this.i18n.day(period.validFrom);
    if (period.validTo === null) {
      return this.i18n.t(period.validFrom > now ? 'person.history.from' : 'person.history.since', {
        date: from,
      });
    }
    return this.i18n.t('person.history.range', { from, to: this.i18n.day(addDays(period.validTo, -1)) });
  }
}
