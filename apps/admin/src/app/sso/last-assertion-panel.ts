import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { I18n, TranslatePipe } from '../core/i18n';
import { SsoDetailStore } from './sso-detail.store';

/**
 * The latest sign-in that reached Brevet through this identity provider: when, accepted or not, the NameID,
 * every attribute as received, and why it was refused. For setting up the mapping and for troubleshooting.
 */
@Component({
  selector: 'bv-last-assertion-panel',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <p class="bv-muted hint">{{ 'sso.last.hint' | t }}</p>
      <button
        type="button"
        mat-stroked-button
        [disabled]="store.lastAssertion().status === 'loading'"
        (click)="store.refreshLastAssertion()"
      >
        <mat-icon svgIcon="refresh" aria-hidden="true" />
        {{ 'sso.last.refresh' | t }}
      </button>
    </div>
    <div aria-live="polite">
      @switch (store.lastAssertion().status) {
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'sso.last.loading' | t" />
        }
        @case ('none') {
          <p class="none">{{ 'sso.last.none' | t }}</p>
        }
        @case ('failed') {
          <p class="none" role="alert">{{ 'sso.last.failed' | t }}</p>
        }
      }
      @if (assertion(); as assertion) {
        <dl class="facts">
          <dt>{{ 'sso.last.when' | t }}</dt>
          <dd>{{ i18n.dateTime(assertion.receivedAt, { dateStyle: 'medium', timeStyle: 'medium' }) }}</dd>
          <dt>{{ 'sso.last.outcome' | t }}</dt>
          <dd>
            <span
              class="bv-badge"
              [class.success]="assertion.outcome === 'accepted'"
              [class.error]="assertion.outcome === 'rejected'"
            >
              {{ (assertion.outcome === 'accepted' ? 'sso.outcome.accepted' : 'sso.outcome.rejected') | t }}
            </span>
          </dd>
          <dt>{{ 'sso.last.nameId' | t }}</dt>
          <dd class="bv-code">{{ assertion.nameId ?? ('sso.last.noNameId' | t) }}</dd>
          @if (assertion.error) {
            <dt>{{ 'sso.last.error' | t }}</dt>
            <dd class="error">{{ assertion.error }}</dd>
          }
          @if (assertion.notes.length > 0) {
            <dt>{{ 'sso.last.notes' | t }}</dt>
            <dd>
              <ul class="notes">
                @for (note of assertion.notes; track $index) {
                  <li>{{ note }}</li>
                }
              </ul>
            </dd>
          }
        </dl>
        @if (assertion.attributes.length > 0) {
          <div class="bv-table-scroll">
            <table class="attributes">
              <caption class="visually-hidden">
                {{
                  'sso.last.attributes' | t
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'sso.last.attribute' | t }}</th>
                  <th scope="col">{{ 'sso.last.values' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (attribute of assertion.attributes; track attribute.name) {
                  <tr>
                    <th scope="row" class="bv-code">{{ attribute.name }}</th>
                    <td>
                      @for (value of attribute.values; track $index) {
                        <code class="value">{{ value }}</code>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p class="none">{{ 'sso.last.noAttributes' | t }}</p>
        }
      }
    </div>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px 16px;
      margin-bottom: 12px;
    }

    .hint {
      max-width: 60ch;
      margin: 0;
    }

    .none {
      margin: 0;
      font-style: italic;
    }

    .facts {
      display: grid;
      grid-template-columns: minmax(100px, max-content) 1fr;
      gap: 6px 16px;
      margin: 0 0 16px;

      dt {
        color: var(--mat-sys-on-surface-variant);
      }

      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }

    .error {
      color: var(--mat-sys-error);
    }

    .notes {
      margin: 0;
      padding-left: 18px;
    }

    .attributes {
      width: 100%;
      border-collapse: collapse;

      th,
      td {
        padding: 8px 12px 8px 0;
        border-top: 1px solid var(--mat-sys-outline-variant);
        text-align: left;
        vertical-align: top;
      }

      thead th {
        border-top: 0;
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-label-large);
      }

      tbody th {
        font-weight: 400;
        overflow-wrap: anywhere;
      }
    }

    .value {
      display: inline-block;
      margin: 0 6px 4px 0;
      padding: 2px 8px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container);
      font-size: 13px;
      overflow-wrap: anywhere;
    }
  `,
})
export class LastAssertionPanel {
  protected readonly store = inject(SsoDetailStore);
  protected readonly i18n = inject(I18n);

  protected readonly assertion = computed(() => {
    const state = this.store.lastAssertion();
    return state.status === 'ready' ? state.assertion : null;
  });
}
