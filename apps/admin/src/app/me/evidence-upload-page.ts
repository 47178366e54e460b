import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  EVIDENCE_EXTENSIONS,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MEDIA_TYPES,
  EVIDENCE_NOTE_MAX_LENGTH,
  EvidenceErrorCode,
  type Evidence,
  type EvidenceCredentialOption,
  type MyEvidencePage,
  type ProblemDetails,
} from '@brevet/contracts';
import { catchError, filter, finalize, map, of, startWith, switchMap, tap, type Observable } from 'rxjs';
import { EVIDENCE_STATUS_LOOK } from '../approvals/evidence-status';
import { AuthStore } from '../core/auth';
import { today } from '../core/days';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { MyEvidenceApi } from './evidence-api';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; problem: ProblemDetails }
  | { status: 'ready'; page: MyEvidencePage | null };

type FieldName = 'definitionId' | 'issuedOn' | 'expiresOn' | 'note' | 'file';

const MAX_MB = EVIDENCE_MAX_BYTES / 1024 / 1024;
const PAGE_SIZE = 10;
/** What the file picker offers: the accepted types and their extensions. */
const ACCEPT = [...EVIDENCE_MEDIA_TYPES, ...Object.values(EVIDENCE_EXTENSIONS).flat()].join(',');

/** The expiry (the control) must not be before the certificate's date (its sibling `issuedOn`). */
function expiryAfterIssue(control: AbstractControl<string>): ValidationErrors | null {
  const issuedOn = control.parent?.get('issuedOn')?.value as string | undefined;
  if (!control.value || !issuedOn || control.value >= issuedOn) return null;
  return { expiresBeforeIssued: true };
}

/**
 * "Send in a certificate": an employee uploads a photo or PDF of a certificate they earned elsewhere, for
 * their manager to approve, and follows what happened to what they sent. Phone first: one column, big
 * buttons, short sentences.
 */
@Component({
  selector: 'bv-evidence-upload-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './evidence-upload-page.html',
  styleUrl: './evidence-upload-page.scss',
})
export class EvidenceUploadPage {
  private readonly api = inject(MyEvidenceApi);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  protected readonly i18n = inject(I18n);
  protected readonly looks = EVIDENCE_STATUS_LOOK;
  protected readonly maxMegabytes = MAX_MB;
  protected readonly noteMax = EVIDENCE_NOTE_MAX_LENGTH;
  protected readonly accept = ACCEPT;
  protected readonly today = today();

  private readonly me = inject(AuthStore).me();
  /** Accounts without a staff record (the break-glass admin) have nothing of their own to send. */
  protected readonly linked = !!this.me?.staffId;
  /** To say who sent something in, when it was not the person themself (their manager, say). */
  protected readonly userId = this.me?.userId ?? null;
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<TranslationKey | null>(null);
  protected readonly sending = signal(false);
  protected readonly withdrawing = signal<string | null>(null);
  private readonly page = signal(1);
  private readonly formDirective = viewChild(FormGroupDirective);
  private readonly sentList = viewChild<ElementRef<HTMLElement>>('sentList');
  private readonly reloads = signal(0);

  /** `?definitionId=` (reminder mails link here for the certificate that is due) picks the certificate. */
  private readonly preset = inject(ActivatedRoute).snapshot.queryParamMap.get('definitionId') ?? '';

  protected readonly form = inject(NonNullableFormBuilder).group({
    definitionId: [this.preset, Validators.required],
    issuedOn: [this.today, Validators.required],
    expiresOn: ['', expiryAfterIssue],
    note: ['', Validators.maxLength(EVIDENCE_NOTE_MAX_LENGTH)],
  });

  private readonly options = toSignal(
    this.linked
      ? this.api.credentials().pipe(
          catchError(() => of<EvidenceCredentialOption[]>([])),
          // A link to a certificate that cannot be chosen (any more) leaves the choice open.
          tap((options) => {
            const chosen = this.form.controls.definitionId;
            if (chosen.value && !options.some((o) => o.id === chosen.value)) chosen.setValue('');
          }),
        )
      : of<EvidenceCredentialOption[]>([]),
  );
  protected readonly credentials = computed(() =>
    [...(this.options() ?? [])].sort((a, b) =>
      this.i18n.localized(a.title).localeCompare(this.i18n.localized(b.title), this.i18n.language()),
    ),
  );
  protected readonly optionsLoaded = computed(() => this.options() !== undefined);

  protected readonly load = toSignal(
    toObservable(computed(() => ({ page: this.page(), reload: this.reloads() }))).pipe(
      switchMap(({ page }) =>
        this.mine(page).pipe(
          map((result): Load => ({ status: 'ready', page: result })),
          catchError((error: unknown) => {
            const problem = toProblem(error);
            return of<Load>(
              problem.status === 404 ? { status: 'ready', page: null } : { status: 'failed', problem },
            );
          }),
          startWith<Load>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as Load },
  );
  protected readonly items = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? (load.page?.items ?? []) : [];
  });
  protected readonly total = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? (load.page?.total ?? 0) : 0;
  });
  protected readonly pageIndex = computed(() => this.page() - 1);
  protected readonly pageSize = PAGE_SIZE;

  constructor() {
    this.form.controls.issuedOn.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.expiresOn.updateValueAndValidity());
  }

  private mine(page: number): Observable<MyEvidencePage | null> {
    return this.linked ? this.api.mine(page, PAGE_SIZE) : of(null);
  }

  protected title(item: Evidence): string {
    return this.i18n.localized(item.credential.title);
  }

  protected picked(input: HTMLInputElement): void {
    this.choose(input.files?.item(0) ?? null);
    input.value = ''; // choosing the same file again still counts as a change
  }

  protected removeFile(): void {
    this.file.set(null);
    this.fileError.set(null);
  }

  protected errorText(control: AbstractControl, field: FieldName): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required']) {
      return this.i18n.t(
        field === 'definitionId' ? 'evidence.errors.credentialRequired' : 'evidence.errors.date',
      );
    }
    if (errors['maxlength']) return this.i18n.t('validation.maxLength', { max: EVIDENCE_NOTE_MAX_LENGTH });
    if (errors['expiresBeforeIssued']) return this.i18n.t('evidence.errors.expiresBeforeIssued');
    return '';
  }

  protected submit(): void {
    if (this.sending()) return;
    const file = this.file();
    if (!file) this.fileError.set('evidence.errors.fileRequired');
    if (this.form.invalid || !file) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.sending.set(true);
    this.api
      .submit({
        definitionId: value.definitionId,
        issuedOn: value.issuedOn,
        expiresOn: value.expiresOn || null,
        note: value.note.trim() || null,
        file,
      })
      .pipe(finalize(() => this.sending.set(false)))
      .subscribe({
        next: () => {
          this.notifier.info('evidence.form.sent');
          // A fresh form: not "submitted" any more, so no field shows an error for being empty.
          this.formDirective()?.resetForm({
            definitionId: '',
            issuedOn: this.today,
            expiresOn: '',
            note: '',
          });
          this.removeFile();
          this.page.set(1);
          this.reloads.update((n) => n + 1);
          // Show where it went: the list of what they sent, with its status.
          afterNextRender(() => this.sentList()?.nativeElement.scrollIntoView({ block: 'start' }), {
            injector: this.injector,
          });
        },
        error: (error: unknown) => this.showProblem(toProblem(error)),
      });
  }

  protected paginate(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected withdraw(item: Evidence): void {
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: this.i18n.t('evidence.list.withdrawTitle'),
          message: this.i18n.t('evidence.list.withdrawText'),
          confirm: this.i18n.t('evidence.list.withdraw'),
        },
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => {
        this.withdrawing.set(item.id);
        this.api
          .withdraw(item.id)
          .pipe(finalize(() => this.withdrawing.set(null)))
          .subscribe({
            next: () => {
              this.notifier.info('evidence.list.withdrawn');
              this.reload();
            },
            error: (error: unknown) => {
              const problem = toProblem(error);
              if (problem.code === EvidenceErrorCode.EvidenceNotPending) {
                this.notifier.info('evidence.list.alreadyDecided');
                this.reload();
              } else this.notifier.problem(problem);
            },
          });
      });
  }

  /** Checks a chosen file the way the server will (type by name, size), so mistakes show at once. */
  private choose(file: File | null): void {
    if (!file) return;
    const name = file.name.toLowerCase();
    const knownType = Object.values(EVIDENCE_EXTENSIONS)
      .flat()
      .some((extension) => name.endsWith(extension));
    const problem: TranslationKey | null = !knownType
      ? 'evidence.errors.fileType'
      : file.size === 0
        ? 'evidence.errors.fileEmpty'
        : file.size > EVIDENCE_MAX_BYTES
          ? 'evidence.errors.fileTooLarge'
          : null;
    this.fileError.set(problem);
    this.file.set(problem ? null : file);
  }

  /** Field errors go next to their field; the file's under the file; anything else becomes a message. */
  private showProblem(problem: ProblemDetails): void {
    const fileProblems: Partial<Record<string, TranslationKey>> = {
      [EvidenceErrorCode.EvidenceFileType]: 'evidence.errors.fileType',
      [EvidenceErrorCode.EvidenceFileTooLarge]: 'evidence.errors.fileTooLarge',
    };
    const fileProblem = fileProblems[problem.code];
    if (fileProblem) {
      this.file.set(null);
      this.fileError.set(fileProblem);
      return;
    }
    const shown = showProblemAtFields<FieldName>(problem, {
      control: (field) => (field === 'file' ? null : this.form.controls[field]),
      byCode: {
        [EvidenceErrorCode.EvidenceAlreadyPending]: ['definitionId', 'evidence.errors.alreadyPending'],
        [EvidenceErrorCode.EvidenceCredentialNotPublished]: ['definitionId', 'evidence.errors.notPublished'],
        [EvidenceErrorCode.EvidenceCredentialUnknown]: ['definitionId', 'evidence.errors.notPublished'],
        [EvidenceErrorCode.EvidenceIssuedInFuture]: ['issuedOn', 'evidence.errors.future'],
      },
      fieldMessages: {
        definitionId: 'evidence.errors.credentialRequired',
        issuedOn: 'evidence.errors.date',
        expiresOn: 'evidence.errors.expiresBeforeIssued',
        note: 'evidence.errors.note',
      },
    });
    if (!shown) this.notifier.problem(problem);
  }
}
