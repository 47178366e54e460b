import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import type { OrgTreeNode } from '@brevet/contracts';
import { I18n, TranslatePipe } from '../core/i18n';
import { RegionTreeHost } from './region-tree-host';

/**
 * One region of the organisation tree with its branches and sub-regions (rendered recursively). A
 * disclosure button opens and closes it; the region and each branch link to their staff list.
 */
@Component({
  selector: 'bv-region-node',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'listitem' },
  templateUrl: './region-node.html',
  styleUrl: './region-node.scss',
})
export class RegionNode {
  protected readonly host = inject(RegionTreeHost);
  protected readonly i18n = inject(I18n);

  readonly node = input.required<OrgTreeNode>();
  readonly depth = input(0);

  protected readonly panelId = computed(() => `region-${this.node().id}`);
  protected readonly hasContent = computed(
    () => this.node().children.length > 0 || this.node().branches.length > 0,
  );
  protected readonly expanded = computed(() => !this.host.collapsed().has(this.node().id));
}
