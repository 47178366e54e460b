import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ErrorCode, type OrgTreeNode, type ProblemDetails, type Region } from '@brevet/contracts';
import { finalize, of, type Observable } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { OrganisationApi } from './organisation-api';
import { flattenRegions, regionAndDescendants } from '../core/org-tree';

export type RegionDialogMode = 'create' | 'rename' | 'move';

export interface RegionDialogData {
  mode: RegionDialogMode;
  tree: readonly OrgTreeNode[];
  /** The region to rename or move. */
  region?: OrgTreeNode;
  /** For a new region: the parent to preselect. */
  parentId?: string;
}

/** The API's region code rule (it upper-cases before checking). */
const REGION_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
/** The "top level" choice of the parent select. */
const TOP_LEVEL = '';

type FieldName = 'code' | 'name' | 'parentId';

const FIELD_MESSAGES: Record<FieldName, TranslationKey> = {
  code: 'validation.regionCode',
  name: 'validation.name',
  parentId: 'validation.region',
};

const TITLES: Record<RegionDialogMode, TranslationKey> = {
  create: 'regionForm.createTitle',
  rename: 'regionForm.renameTitle',
  move: 'regionForm.moveTitle',
};

const SUBMIT: Record<RegionDialogMode, TranslationKey> = {
  create: 'regionForm.create',
  rename: 'regionForm.rename',
  move: 'regionForm.move',
};

/** Create a region, rename one, or move one (with everything in it) under another parent. */
@Component({
  selector: 'bv-region-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './region-dialog.html',
})
export class RegionDialog {
  private readonly data = inject<RegionDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RegionDialog, Region>>(MatDialogRef);
  private readonly api = inject(OrganisationApi);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);

  protected readonly mode = this.data.mode;
  protected readonly region = this.data.region;
  protected readonly title = TITLES[this.mode];
  protected readonly submitLabel = SUBMIT[this.mode];
  protected readonly topLevel = TOP_LEVEL;
  protected readonly saving = signal(false);

  /** Regions in tree order; when moving, the region itself and its sub-regions cannot be chosen. */
  protected readonly parents = (() => {
    const excluded = this.region ? regionAndDescendants(this.data.tree, this.region.id) : new Set<string>();
    return flattenRegions(this.data.tree).map((option) => ({ ...option, disabled: excluded.has(option.id) }));
  })();

  private readonly currentParentId =
    this.parents.find((p) => this.region && p.id === this.region.id)?.parentId ?? null;

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(REGION_CODE)]],
    name: [this.region?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    parentId: [
      this.mode === 'create' ? (this.data.parentId ?? TOP_LEVEL) : (this.currentParentId ?? TOP_LEVEL),
    ],
  });

  constructor() {
    if (this.mode !== 'create') this.form.controls.code.disable();
    if (this.mode === 'move') this.form.controls.name.disable();
    if (this.mode === 'rename') this.form.controls.parentId.disable();
  }

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required']) return this.i18n.t('validation.required');
    if (errors['maxlength']) {
      return this.i18n.t('validation.maxLength', {
        max: (errors['maxlength'] as { requiredLength: number }).requiredLength,
      });
    }
    if (errors['pattern']) return this.i18n.t('validation.regionCode');
    return '';
  }

  protected upperCaseCode(): void {
    const control = this.form.controls.code;
    const value = control.value.trim().toUpperCase();
    if (value !== control.value) control.setValue(value);
  }

  protected submit(): void {
    if (this.saving()) return;
    this.upperCaseCode();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const parentId = value.parentId === TOP_LEVEL ? null : value.parentId;
    const region = this.region;
    let request: Observable<Region | null>;
    if (!region) {
      request = this.api.createRegion({ code: value.code, name: value.name.trim(), parentId });
    } else if (this.mode === 'rename') {
      request = this.api.updateRegion(region.id, { name: value.name.trim() });
    } else if (parentId === this.currentParentId) {
      request = of(null); // nothing to move
    } else {
      request = this.api.updateRegion(region.id, { parentId });
    }
    this.saving.set(true);
    request.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (saved) => this.dialogRef.close(saved ?? undefined),
      error: (error: unknown) => this.showProblem(toProblem(error)),
    });
  }

  /** Field errors go next to their field; anything else becomes a message. */
  private showProblem(problem: ProblemDetails): void {
    const shown = showProblemAtFields<FieldName>(problem, {
      control: (field) => this.form.controls[field],
      byCode: {
        [ErrorCode.RegionCodeTaken]: ['code', 'validation.regionCodeTaken'],
        [ErrorCode.RegionCycle]: ['parentId', 'validation.regionCycle'],
        [ErrorCode.RegionNotFound]: ['parentId', 'errors.regionNotFound'],
      },
      fieldMessages: FIELD_MESSAGES,
    });
    if (!shown) this.notifier.problem(problem);
  }
}
