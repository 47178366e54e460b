import { BreakpointObserver } from '@angular/cdk/layout';
import { Injectable, inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Width classes the layout adapts to; phone widths get a menu instead of a side nav and a compact table. */
@Injectable({ providedIn: 'root' })
export class Viewport {
  private readonly breakpoints = inject(BreakpointObserver);

  /** Narrower than 600px: phones in portrait. */
  readonly phone = this.matches('(max-width: 599.98px)');
  /**
   * Narrower than 960px: phones and tablets in portrait. The side navigation (248px) becomes a menu here; beside
   * it the page would be narrower than on a phone.
   */
  readonly compact = this.matches('(max-width: 959.98px)');
  /** Narrower than 1100px: tablets and small laptop windows. */
  readonly narrow = this.matches('(max-width: 1099.98px)');
  /** 1440px and wider: room for a table's less important columns beside the side navigation. */
  readonly roomy = this.matches('(min-width: 1440px)');

  private matches(query: string): Signal<boolean> {
    return toSignal(this.breakpoints.observe(query).pipe(map((state) => state.matches)), {
      initialValue: this.breakpoints.isMatched(query),
    });
  }
}
