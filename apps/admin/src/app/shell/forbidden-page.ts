import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../core/auth';
import { TranslatePipe } from '../core/i18n';

/**
 * "No access": shown at the address the person asked for (the guard keeps it in the address bar), so a
 * reload after their roles change tries again.
 */
@Component({
  selector: 'bv-forbidden-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="bv-panel">
      <div class="bv-state">
        <mat-icon svgIcon="block" aria-hidden="true" />
        <h1>{{ 'forbidden.heading' | t }}</h1>
        <p>{{ 'forbidden.text' | t }}</p>
        @if (auth.landing() !== '/forbidden') {
          <a mat-flat-button [routerLink]="auth.landing()">{{ 'forbidden.home' | t }}</a>
        }
      </div>
    </section>
  `,
  styles: `
    h1 {
      margin: 8px 0 0;
      font: var(--mat-sys-title-large);
    }
  `,
})
export class ForbiddenPage {
  protected readonly auth = inject(AuthStore);
}
