import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '../core/i18n';

/** The two views of the exports page: one-off exports and scheduled reports, as links (each has its own URL). */
@Component({
  selector: 'bv-exports-tabs',
  imports: [MatButtonModule, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="tabs" [attr.aria-label]="'scheduledReports.tabs.label' | t">
      <a
        mat-button
        routerLink="/exports"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        [routerLinkActiveOptions]="{ exact: true }"
        >{{ 'scheduledReports.tabs.exports' | t }}</a
      >
      <a mat-button routerLink="/exports/scheduled" routerLinkActive="active" ariaCurrentWhenActive="page">{{
        'scheduledReports.tabs.scheduled' | t
      }}</a>
    </nav>
  `,
  styles: `
    .tabs {
      display: flex;
      gap: 4px;
      margin: 0 0 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    a {
      border-radius: 8px 8px 0 0;
    }
    a.active {
      box-shadow: inset 0 -3px 0 var(--mat-sys-primary);
      font-weight: 600;
    }
  `,
})
export class ExportsTabs {}
