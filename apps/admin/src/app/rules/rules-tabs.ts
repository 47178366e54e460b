import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { Permission } from '@brevet/contracts';
import { AuthStore } from '../core/auth';
import { TranslatePipe } from '../core/i18n';

/** Rules | Exemptions. Exemptions are HR's (RulesWrite), so others see no tabs at all. */
@Component({
  selector: 'bv-rules-tabs',
  imports: [MatTabsModule, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canWrite) {
      <nav
        mat-tab-nav-bar
        mat-stretch-tabs="false"
        mat-align-tabs="start"
        [attr.aria-label]="'rules.tabs.label' | t"
      >
        <a
          mat-tab-link
          routerLink="/rules"
          routerLinkActive
          #rules="routerLinkActive"
          [routerLinkActiveOptions]="{ exact: true }"
          [active]="rules.isActive"
          [attr.aria-current]="rules.isActive ? 'page' : null"
          >{{ 'rules.tabs.rules' | t }}</a
        >
        <a
          mat-tab-link
          routerLink="/rules/exemptions"
          routerLinkActive
          #exemptions="routerLinkActive"
          [active]="exemptions.isActive"
          [attr.aria-current]="exemptions.isActive ? 'page' : null"
          >{{ 'rules.tabs.exemptions' | t }}</a
        >
      </nav>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: -8px 0 16px;
    }
  `,
})
export class RulesTabs {
  protected readonly canWrite = inject(AuthStore).can(Permission.RulesWrite);
}
