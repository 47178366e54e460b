import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import {
  ErrorCode,
  IDENTITY_PROVIDER_SLUG_PATTERN,
  SSO_METADATA_MAX_BYTES,
  SsoErrorCode,
  type IdentityProvider,
  type ParsedIdpMetadata,
  type ProblemDetails,
} from '@brevet/contracts';
import { finalize, from, map, of, startWith, switchMap, type Observable } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { markServerError, showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { expiryState, suggestSlug } from './sso-labels';
import { SsoApi } from './sso-api';

type Source = 'url' | 'file';
type Field = 'slug' | 'displayName' | 'metadataUrl' | 'metadataXml' | 'file';

/** https, or http for localhost only (what the API accepts). */
function metadataUrlValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && local) ? null : { metadataUrl: true };
  } catch {
    return { metadataUrl: true };
  }
}

/**
 * Add an identity provider: a name, a slug, and its metadata (URL or file). "Check metadata" shows what Brevet
 * reads from it before anything is saved. A new identity provider starts switched off.
 */
@Component({
  selector: 'bv-add-identity-provider-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-identity-provider-dialog.html',
  styles: `
    .preview {
      display: grid;
      grid-template-columns: minmax(120px, max-content) 1fr;
      gap: 4px 16px;
      margin: 0;

      dt {
        color: var(--mat-sys-on-surface-variant);
      }

      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }

    .file-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }

    .warnings {
      margin: 0;
      padding-left: 20px;
    }
  `,
})
export class AddIdentityProviderDialog {
  private readonly api = inject(SsoApi);
  private readonly dialogRef =
    inject<MatDialogRef<AddIdentityProviderDialog, IdentityProvider>>(MatDialogRef);
  protected readonly i18n = inject(I18n);
  protected readonly expiryState = expiryState;
  protected readonly maxMegabytes = SSO_METADATA_MAX_BYTES / 1024 / 1024;

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(100)]],
    slug: ['', [Validators.required, Validators.pattern(IDENTITY_PROVIDER_SLUG_PATTERN)]],
    source: ['url' as Source],
    metadataUrl: ['', [Validators.required, Validators.maxLength(2000), metadataUrlValidator]],
  });
  protected readonly source = toSignal(
    this.form.controls.source.valueChanges.pipe(startWith(this.form.controls.source.value)),
    { requireSync: true },
  );
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<TranslationKey | null>(null);
  protected readonly preview = signal<ParsedIdpMetadata | null>(null);
  protected readonly previewProblem = signal<TranslationKey | null>(null);
  protected readonly busy = signal<'checking' | 'saving' | null>(null);
  /** The slug follows the name until someone edits it. */
  private slugEdited = false;

  constructor() {
    this.form.controls.displayName.valueChanges.pipe(takeUntilDestroyed()).subscribe((name) => {
      if (!this.slugEdited) this.form.controls.slug.setValue(suggestSlug(name));
    });
    this.form.controls.source.valueChanges.pipe(takeUntilDestroyed()).subscribe((source) => {
      const url = this.form.controls.metadataUrl;
      if (source === 'url') url.enable();
      else url.disable();
      this.preview.set(null);
      this.previewProblem.set(null);
    });
    this.form.controls.metadataUrl.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.preview.set(null));
  }

  protected slugTyped(): void {
    this.slugEdited = true;
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
    if (errors['pattern']) return this.i18n.t('sso.addForm.slugRule');
    if (errors['metadataUrl']) return this.i18n.t('sso.addForm.urlRule');
    return '';
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null;
    input.value = '';
    this.preview.set(null);
    this.previewProblem.set(null);
    if (!file) return;
    if (file.size === 0) return this.rejectFile('sso.addForm.fileEmpty');
    if (file.size > SSO_METADATA_MAX_BYTES) return this.rejectFile('sso.addForm.fileTooLarge');
    this.fileError.set(null);
    this.file.set(file);
  }

  /** Reads the metadata and shows what Brevet would take from it; saves nothing. */
  protected check(): void {
    const source = this.metadataSource();
    if (!source || this.busy()) return;
    this.busy.set('checking');
    this.previewProblem.set(null);
    source
      .pipe(
        switchMap((body) => this.api.previewMetadata(body)),
        finalize(() => this.busy.set(null)),
      )
      .subscribe({
        next: (parsed) => this.preview.set(parsed),
        error: (error: unknown) => {
          const problem = toProblem(error);
          this.preview.set(null);
          this.previewProblem.set(this.metadataMessage(problem));
        },
      });
  }

  protected submit(): void {
    if (this.busy()) return;
    const source = this.form.controls.source.value;
    if (source === 'file' && !this.file()) this.fileError.set('sso.addForm.fileRequired');
    if (this.form.invalid || (source === 'file' && !this.file())) {
      this.form.markAllAsTouched();
      return;
    }
    const { displayName, slug, metadataUrl } = this.form.getRawValue();
    const file = this.file();
    const request =
      source === 'file' && file
        ? this.api.upload(slug.trim(), displayName.trim(), file)
        : this.api.create({
            slug: slug.trim(),
            displayName: displayName.trim(),
            metadataUrl: metadataUrl.trim(),
          });
    this.busy.set('saving');
    request.pipe(finalize(() => this.busy.set(null))).subscribe({
      next: (idp) => this.dialogRef.close(idp),
      error: (error: unknown) => this.showProblem(toProblem(error)),
    });
  }

  private metadataSource(): Observable<{ metadataUrl?: string; metadataXml?: string }> | null {
    if (this.form.controls.source.value === 'url') {
      const control = this.form.controls.metadataUrl;
      if (control.invalid) {
        control.markAsTouched();
        return null;
      }
      return of({ metadataUrl: control.value.trim() });
    }
    const file = this.file();
    if (!file) {
      this.fileError.set('sso.addForm.fileRequired');
      return null;
    }
    return from(file.text()).pipe(map((metadataXml) => ({ metadataXml })));
  }

  private rejectFile(message: TranslationKey): void {
    this.file.set(null);
    this.fileError.set(message);
  }

  private metadataMessage(problem: ProblemDetails): TranslationKey {
    if (problem.code === SsoErrorCode.MetadataUnreachable) return 'sso.addForm.unreachable';
    if (problem.code === SsoErrorCode.MetadataInvalid || problem.status === 413) return 'sso.addForm.invalid';
    return problemMessageKey(problem);
  }

  private showProblem(problem: ProblemDetails): void {
    const controls = this.form.controls;
    if (
      problem.code === SsoErrorCode.MetadataInvalid ||
      problem.code === SsoErrorCode.MetadataUnreachable ||
      problem.status === 413
    ) {
      if (controls.source.value === 'url')
        markServerError(controls.metadataUrl, this.metadataMessage(problem));
      else this.fileError.set(this.metadataMessage(problem));
      return;
    }
    const shown = showProblemAtFields<Field>(problem, {
      control: (field) =>
        field === 'slug'
          ? controls.slug
          : field === 'displayName'
            ? controls.displayName
            : controls.metadataUrl,
      byCode: { [SsoErrorCode.SlugTaken]: ['slug', 'sso.addForm.slugTaken'] },
      fieldMessages: {
        slug: 'sso.addForm.slugRule',
        displayName: 'validation.required',
        metadataUrl: 'sso.addForm.urlRule',
      },
    });
    if (!shown) {
      this.previewProblem.set(
        problem.code === ErrorCode.ValidationFailed ? 'sso.addForm.invalid' : problemMessageKey(problem),
      );
    }
  }
}
