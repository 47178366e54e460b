import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule, type MatSidenav } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore, type NavGroup, type NavItem } from '../core/auth';
import { TranslatePipe, type TranslationKey } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import { LanguageSwitcher } from './language-switcher';

interface NavSection {
  group: NavGroup;
  heading: TranslationKey | null;
  items: NavItem[];
}

const GROUP_HEADINGS: Record<NavGroup, TranslationKey | null> = {
  work: null,
  admin: 'nav.groups.admin',
  personal: 'nav.groups.personal',
};

/**
 * Top bar, side navigation (a menu on phones and tablets in portrait) and the routed page, for a signed-in person. Kept light: it is
 * part of the initial bundle (no overlays here; dialogs and snack bars load with the pages that use them).
 */
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
  protected readonly auth = inject(AuthStore);
  private readonly viewport = inject(Viewport);
  protected readonly phone = this.viewport.phone;
  /** Phones and tablets in portrait: the navigation is a menu behind a button, not a column beside the page. */
  protected readonly compact = this.viewport.compact;
  /** Whether the navigation menu is open, for the menu button's `aria-expanded`. */
  protected readonly menuOpen = signal(false);
  protected readonly signingOut = signal(false);
  /** Signing out failed (offline, say): the session may still be open, so say so. */
  protected readonly signOutFailed = signal(false);

  /** Only what the person may open, in groups. */
  protected readonly sections = computed((): NavSection[] => {
    const items = this.auth.navItems();
    return (['work', 'admin', 'personal'] as const)
      .map((group) => ({
        group,
        heading: GROUP_HEADINGS[group],
        items: items.filter((i) => i.group === group),
      }))
      .filter((section) => section.items.length > 0);
  });
  /** Someone who can open a single page (an employee) needs no navigation at all. */
  protected readonly hasNavigation = computed(() => this.auth.navItems().length > 1);

  protected closeWhenCompact(sidenav: MatSidenav): void {
    if (this.compact()) void sidenav.close();
  }

  protected skipToContent(main: HTMLElement): void {
    main.focus();
  }

  protected signOut(): void {
    this.signingOut.set(true);
    this.signOutFailed.set(false);
    this.auth.signOut().catch(() => {
      this.signingOut.set(false);
      this.signOutFailed.set(true);
    });
  }
}
