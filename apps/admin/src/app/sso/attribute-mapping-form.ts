import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type ValidatorFn } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  SSO_LINK_STAFF_BY,
  SSO_MAPPED_FIELDS,
  type IdentityProvider,
  type SsoAttributeMapping,
  type SsoLinkStaffBy,
} from '@brevet/contracts';
import { finalize } from 'rxjs';
import { TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { SsoDetailStore } from './sso-detail.store';
import { LINK_STAFF_BY_LABELS, MAPPED_FIELD_LABELS } from './sso-labels';

/**
 * Which SAML attribute carries which field, how people are matched to staff records, and whether assertions
 * must be encrypted. Attribute names from the last received assertion are offered while typing.
 */
@Component({
  selector: 'bv-attribute-mapping-form',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <p class="bv-muted hint">{{ 'sso.mapping.hint' | t }}</p>
      <div class="grid" formGroupName="mapping">
        @for (field of fields; track field) {
          <mat-form-field>
            <mat-label>{{ labels[field] | t }}</mat-label>
            <input
              matInput
              class="bv-code"
              autocomplete="off"
              spellcheck="false"
              [formControlName]="field"
              [matAutocomplete]="names"
              [placeholder]="'sso.mapping.notMapped' | t"
            />
          </mat-form-field>
        }
        <mat-autocomplete #names="matAutocomplete">
          @for (name of store.receivedAttributeNames(); track name) {
            <mat-option [value]="name">{{ name }}</mat-option>
          }
        </mat-autocomplete>
      </div>
      <div class="grid">
        <mat-form-field>
          <mat-label>{{ 'sso.mapping.linkStaffBy' | t }}</mat-label>
          <mat-select formControlName="linkStaffBy">
            @for (option of linkOptions; track option) {
              <mat-option [value]="option">{{ linkLabels[option] | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-checkbox formControlName="wantEncryptedAssertions" class="encrypted">
          {{ 'sso.mapping.encrypted' | t }}
        </mat-checkbox>
      </div>
      <div class="bv-actions">
        <button type="submit" mat-flat-button [disabled]="saving() || form.pristine">
          {{ (saving() ? 'common.saving' : 'sso.mapping.save') | t }}
        </button>
        @if (!form.pristine) {
          <button type="button" mat-button [disabled]="saving()" (click)="reset()">
            {{ 'sso.discard' | t }}
          </button>
        }
      </div>
    </form>
  `,
  styles: `
    .hint {
      margin: 0 0 16px;
      max-width: 70ch;
    }

    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      align-items: center;
      gap: 12px 16px;
      margin-bottom: 12px;
    }
  `,
})
export class AttributeMappingForm {
  protected readonly store = inject(SsoDetailStore);
  private readonly notifier = inject(Notifier);
  protected readonly fields = SSO_MAPPED_FIELDS;
  protected readonly labels = MAPPED_FIELD_LABELS;
  protected readonly linkOptions = SSO_LINK_STAFF_BY;
  protected readonly linkLabels = LINK_STAFF_BY_LABELS;
  protected readonly saving = signal(false);

  private readonly fb = inject(NonNullableFormBuilder);
  private readonly attribute = () => ['', [Validators.maxLength(500)]] as [string, ValidatorFn[]];
  protected readonly form = this.fb.group({
    mapping: this.fb.group({
      employeeNumber: this.attribute(),
      email: this.attribute(),
      givenName: this.attribute(),
      familyName: this.attribute(),
      displayName: this.attribute(),
      branchCode: this.attribute(),
      jobRole: this.attribute(),
      groups: this.attribute(),
    } satisfies Record<keyof SsoAttributeMapping, unknown>),
    linkStaffBy: ['employeeNumber' as SsoLinkStaffBy],
    wantEncryptedAssertions: [false],
  });

  constructor() {
    // Show what is saved; a save or reload replaces the form's values (not while someone is editing).
    effect(() => {
      const idp = this.store.idp();
      if (idp && this.form.pristine) this.fill(idp);
    });
  }

  protected reset(): void {
    const idp = this.store.idp();
    if (idp) this.fill(idp);
  }

  protected save(): void {
    if (this.form.invalid || this.saving()) return;
    const value = this.form.getRawValue();
    const attributeMapping = {} as SsoAttributeMapping;
    for (const field of SSO_MAPPED_FIELDS) attributeMapping[field] = value.mapping[field].trim() || null;
    this.saving.set(true);
    this.store
      .update({
        attributeMapping,
        linkStaffBy: value.linkStaffBy,
        wantEncryptedAssertions: value.wantEncryptedAssertions,
      })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (idp) => {
          this.fill(idp);
          this.notifier.info('sso.mapping.saved');
        },
        error: (error: unknown) => this.store.report(error),
      });
  }

  private fill(idp: IdentityProvider): void {
    this.form.reset({
      mapping: {
        employeeNumber: idp.attributeMapping.employeeNumber ?? '',
        email: idp.attributeMapping.email ?? '',
        givenName: idp.attributeMapping.givenName ?? '',
        familyName: idp.attributeMapping.familyName ?? '',
        displayName: idp.attributeMapping.displayName ?? '',
        branchCode: idp.attributeMapping.branchCode ?? '',
        jobRole: idp.attributeMapping.jobRole ?? '',
        groups: idp.attributeMapping.groups ?? '',
      },
      linkStaffBy: idp.linkStaffBy,
      wantEncryptedAssertions: idp.wantEncryptedAssertions,
    });
  }
}
