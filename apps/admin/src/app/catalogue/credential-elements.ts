import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { CalendarDuration, CredentialDetail, CredentialVersion, LocalizedText } from '@brevet/contracts';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import {
  ASSESSMENT_LABELS,
  EXPIRY_BASIS_LABELS,
  PARTICIPATION_LABELS,
  SUPERVISION_LABELS,
  categoryNames,
} from './catalogue-labels';

/** A row of the elements table: texts in both languages, or one value for both. */
type Row =
  | { label: TranslationKey; eu: boolean; texts: LocalizedText | null }
  | { label: TranslationKey; eu: boolean; lists: { en: string[]; de: string[] } }
  | { label: TranslationKey; eu: boolean; value: string; link?: string };

/**
 * Everything one version of a definition says, as the EU Council Recommendation on micro-credentials
 * (Annex I) lists it, with English and German side by side. Read-only.
 */
@Component({
  selector: 'bv-credential-elements',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="elements">
      <caption class="visually-hidden">
        {{
          'catalogue.elements.caption' | t: { version: version().version }
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ 'catalogue.elements.element' | t }}</th>
          <th scope="col" lang="en">English</th>
          <th scope="col" lang="de">Deutsch</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.label) {
          <tr>
            <th scope="row">
              {{ row.label | t }}
              @if (row.eu) {
                <span class="eu" [title]="'catalogue.elements.euHint' | t">EU</span>
              }
            </th>
            @if ('texts' in row) {
              @if (row.texts) {
                <td lang="en">{{ row.texts.en }}</td>
                <td lang="de">{{ row.texts.de }}</td>
              } @else {
                <td colspan="2" class="none">{{ 'catalogue.elements.none' | t }}</td>
              }
            } @else if ('lists' in row) {
              <td lang="en">
                <ul>
                  @for (item of row.lists.en; track $index) {
                    <li>{{ item }}</li>
                  }
                </ul>
              </td>
              <td lang="de">
                <ul>
                  @for (item of row.lists.de; track $index) {
                    <li>{{ item }}</li>
                  }
                </ul>
              </td>
            } @else {
              <td colspan="2">
                @if (row.link) {
                  <a class="bv-link" [href]="row.link" target="_blank" rel="noopener">{{ row.value }}</a>
                } @else {
                  {{ row.value }}
                }
              </td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .elements {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 10px 16px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    thead th {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    tbody th {
      width: 24%;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    ul {
      margin: 0;
      padding-left: 18px;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
    .eu {
      margin-left: 6px;
      padding: 0 5px;
      border-radius: 4px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font: var(--mat-sys-label-small);
    }
    @media (max-width: 599.98px) {
      thead {
        display: none;
      }
      tr,
      th,
      td {
        display: block;
        width: auto;
      }
      tbody th {
        padding-bottom: 0;
      }
      td {
        border-top: 0;
        padding-top: 4px;
      }
    }
  `,
})
export class CredentialElements {
  private readonly i18n = inject(I18n);

  readonly definition = input.required<CredentialDetail>();
  readonly version = input.required<CredentialVersion>();

  protected readonly rows = computed((): Row[] => {
    const d = this.definition();
    const v = this.version();
    const t = (key: TranslationKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    const validity = v.validity;
    const rows: Row[] = [
      { label: 'catalogue.fields.title', eu: true, texts: v.title },
      {
        label: 'catalogue.fields.awardingBody',
        eu: true,
        value: `${v.awardingBody.name} (${this.i18n.countryName(v.awardingBody.country)})`,
      },
      {
        label: 'catalogue.fields.learningOutcomes',
        eu: true,
        lists: v.learningOutcomes,
      },
      {
        label: 'catalogue.fields.workload',
        eu: true,
        value:
          t('catalogue.hours', { count: v.workloadHours }) +
          (v.ects !== null ? ` · ${t('catalogue.ectsValue', { count: v.ects })}` : ''),
      },
      {
        label: 'catalogue.fields.eqfLevel',
        eu: true,
        value:
          v.eqfLevel !== null
            ? t('catalogue.eqfValue', { level: v.eqfLevel })
            : t('catalogue.elements.notApplicable'),
      },
      { label: 'catalogue.fields.assessmentType', eu: true, value: t(ASSESSMENT_LABELS[v.assessmentType]) },
      {
        label: 'catalogue.fields.participationForm',
        eu: true,
        value: t(PARTICIPATION_LABELS[v.participationForm]),
      },
      { label: 'catalogue.fields.qualityAssurance', eu: true, texts: v.qualityAssurance },
      { label: 'catalogue.fields.prerequisites', eu: true, texts: v.prerequisites },
      {
        label: 'catalogue.fields.supervision',
        eu: true,
        value: v.supervision ? t(SUPERVISION_LABELS[v.supervision]) : t('catalogue.elements.notStated'),
      },
      { label: 'catalogue.fields.gradeScheme', eu: true, texts: v.gradeScheme },
      v.stackability?.stackable && v.stackability.description
        ? { label: 'catalogue.fields.stackability', eu: true, texts: v.stackability.description }
        : {
            label: 'catalogue.fields.stackability',
            eu: true,
            value: v.stackability
              ? t(v.stackability.stackable ? 'catalogue.stackable' : 'catalogue.standalone')
              : t('catalogue.elements.notStated'),
          },
      { label: 'catalogue.fields.description', eu: false, texts: v.description },
      { label: 'catalogue.fields.criteria', eu: false, texts: v.criteria },
      {
        label: 'catalogue.fields.category',
        eu: false,
        value: this.i18n.localized(categoryNames(d.category)),
      },
      d.escoSkillUri
        ? { label: 'catalogue.fields.escoSkillUri', eu: false, value: d.escoSkillUri, link: d.escoSkillUri }
        : { label: 'catalogue.fields.escoSkillUri', eu: false, value: t('catalogue.elements.none') },
      {
        label: 'catalogue.fields.validity',
        eu: false,
        value:
          validity.validityMonths === null
            ? t('catalogue.noExpiry')
            : t('catalogue.months', { count: validity.validityMonths }),
      },
    ];
    if (validity.validityMonths !== null) {
      const { window, expiryBasis, fixedExpiry } = validity.recertification;
      rows.push(
        {
          label: 'catalogue.fields.window',
          eu: false,
          value: this.duration(window),
        },
        {
          label: 'catalogue.fields.expiryBasis',
          eu: false,
          value:
            t(EXPIRY_BASIS_LABELS[expiryBasis]) +
            (expiryBasis === 'fixed' && fixedExpiry
              ? ` (${this.i18n.dateTime(new Date(Date.UTC(2000, fixedExpiry.month - 1, fixedExpiry.day)), { day: 'numeric', month: 'long', timeZone: 'UTC' })})`
              : ''),
        },
      );
    }
    return rows;
  });

  private duration(window: CalendarDuration): string {
    const parts: string[] = [];
    if (window.months) parts.push(this.i18n.t('catalogue.months', { count: window.months }));
    if (window.days) parts.push(this.i18n.t('catalogue.days', { count: window.days }));
    return parts.length ? parts.join(', ') : this.i18n.t('catalogue.elements.noWindow');
  }
}
