import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '../core/i18n';

/** The organisation pages: a heading and two tabs, the region tree and the job roles. */
@Component({
  selector: 'bv-organisation-layout',
  imports: [MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="bv-page-header">
      <div>
        <h1>{{ 'organisation.title' | t }}</h1>
        <p class="bv-intro">{{ 'organisation.intro' | t }}</p>
      </div>
    </header>
    <nav
      mat-tab-nav-bar
      mat-stretch-tabs="false"
      mat-align-tabs="start"
      class="tabs"
      [tabPanel]="panel"
      [attr.aria-label]="'organisation.sections' | t"
    >
      <a
        mat-tab-link
        routerLink="/organisation"
        routerLinkActive
        [routerLinkActiveOptions]="{ exact: true }"
        #tree="routerLinkActive"
        [active]="tree.isActive"
      >
        {{ 'organisation.tabs.tree' | t }}
      </a>
      <a
        mat-tab-link
        routerLink="/organisation/job-roles"
        routerLinkActive
        #roles="routerLinkActive"
        [active]="roles.isActive"
      >
        {{ 'organisation.tabs.jobRoles' | t }}
      </a>
    </nav>
    <mat-tab-nav-panel #panel>
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styles: `
    :host {
      display: block;
    }

    .tabs {
      margin-bottom: 20px;
      --mat-tab-divider-color: var(--mat-sys-outline-variant);
    }
  `,
})
export class OrganisationLayout {}
