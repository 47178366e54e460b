import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule, type MatSidenav } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe, type TranslationKey } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import { LanguageSwitcher } from './language-switcher';

interface NavItem {
  path: string;
  icon: string;
  label: TranslationKey;
}

/** Top bar, side navigation (a menu on phones) and the routed page. */
@Component({
  selector: 'bv-shell',
  imports: [
    LanguageSwitcher,
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  protected readonly phone = inject(Viewport).phone;
  /** Whether the phone menu is open, for the menu button's `aria-expanded`. */
  protected readonly menuOpen = signal(false);
  protected readonly nav: readonly NavItem[] = [
    { path: '/organisation', icon: 'accountTree', label: 'nav.organisation' },
    { path: '/branches', icon: 'store', label: 'nav.branches' },
    { path: '/staff', icon: 'people', label: 'nav.staff' },
    { path: '/import', icon: 'upload', label: 'nav.import' },
  ];

  protected closeOnPhone(sidenav: MatSidenav): void {
    if (this.phone()) void sidenav.close();
  }

  protected skipToContent(main: HTMLElement): void {
    main.focus();
  }
}
