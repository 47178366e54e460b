import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import type { MailMessage, MailMessageSummary, ProblemDetails, UiLanguage } from '@brevet/contracts';
import { catchError, map, of } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { MailApi } from './mail-api';
import { REASON_LABELS, STATUS_LOOK } from './mail-labels';

/**
 * The frame's own policy: nothing may load (no remote images, no tracking), only the inline styles of the
 * email itself. Together with `sandbox=""` (no scripts, no forms, no navigation, a unique origin), the HTML of
 * an email can show but never act.
 */
const FRAME_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

type Loaded = { message: MailMessage; problem?: never } | { message?: never; problem: ProblemDetails };

/** One email: who, why, what happened to it, and its content as text or (sandboxed) formatted HTML. */
@Component({
  selector: 'bv-mail-message-dialog',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatDialogModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'mail.message.title' | t: { recipient: summary.recipient.name } }}</h2>
    <mat-dialog-content class="content">
      <p class="subject">{{ summary.subject }}</p>
      <dl class="facts">
        <dt>{{ 'mail.message.to' | t }}</dt>
        <dd>{{ summary.recipient.name }} &lt;{{ summary.recipient.address }}&gt;</dd>
        <dt>{{ 'mail.message.reason' | t }}</dt>
        <dd>{{ reasonLabels[summary.reason] | t }} · {{ i18n.day(summary.reasonDate) }}</dd>
        <dt>{{ 'mail.message.status' | t }}</dt>
        <dd>
          <span class="bv-badge" [class]="statusLook[summary.status].tone">
            {{ statusLook[summary.status].label | t }}
          </span>
          <span class="bv-secondary">{{ statusLook[summary.status].help | t }}</span>
        </dd>
        <dt>{{ 'mail.message.language' | t }}</dt>
        <dd>{{ languageLabels[summary.language] | t }}</dd>
        <dt>{{ 'mail.message.created' | t }}</dt>
        <dd>{{ i18n.dateTime(summary.createdAt) }}</dd>
        @if (summary.sentAt) {
          <dt>{{ 'mail.message.sent' | t }}</dt>
          <dd>{{ i18n.dateTime(summary.sentAt) }}</dd>
        }
        <dt>{{ 'mail.message.attempts' | t }}</dt>
        <dd>{{ summary.attempts }}</dd>
        @if (message(); as m) {
          @if (m.providerMessageId) {
            <dt>{{ 'mail.message.messageId' | t }}</dt>
            <dd class="bv-code wrap">{{ m.providerMessageId }}</dd>
          }
          @if (m.providerResponse) {
            <dt>{{ 'mail.message.response' | t }}</dt>
            <dd class="bv-code wrap">{{ m.providerResponse }}</dd>
          }
          @if (m.lastError) {
            <dt>{{ 'mail.message.error' | t }}</dt>
            <dd class="bv-code wrap">{{ m.lastError }}</dd>
          }
        }
      </dl>

      <div class="bv-progress-slot">
        @if (!loaded()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'mail.message.loading' | t" />
        }
      </div>
      @if (loaded()?.problem; as problem) {
        <div class="bv-callout error" role="alert">
          <mat-icon svgIcon="error" aria-hidden="true" />
          <p>{{ 'mail.message.loadFailed' | t }} {{ problemMessageKey(problem) | t }}</p>
        </div>
      }
      @if (message(); as m) {
        @if (m.html) {
          <mat-button-toggle-group
            class="view"
            [value]="view()"
            (change)="view.set($event.value)"
            [attr.aria-label]="'mail.caption' | t"
          >
            <mat-button-toggle value="text">{{ 'mail.message.text' | t }}</mat-button-toggle>
            <mat-button-toggle value="html">{{ 'mail.message.html' | t }}</mat-button-toggle>
          </mat-button-toggle-group>
        }
        @if (view() === 'html' && frameDoc(); as doc) {
          <iframe
            class="html"
            sandbox=""
            referrerpolicy="no-referrer"
            [title]="'mail.message.htmlFrame' | t"
            [srcdoc]="doc"
          ></iframe>
        } @else {
          <pre class="text">{{ m.text }}</pre>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close cdkFocusInitial>{{ 'common.close' | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .content {
      min-width: min(720px, 80vw);
    }
    .subject {
      margin: 0 0 12px;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 12px;
    }
    .facts dt {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .wrap {
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .view {
      margin: 8px 0;
    }
    .text {
      margin: 0;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
    }
    .html {
      display: block;
      width: 100%;
      height: 420px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: #fff;
    }
    @media (max-width: 599.98px) {
      .content {
        min-width: 0;
      }
      .facts {
        grid-template-columns: 1fr;
        gap: 0;
      }
      .facts dd {
        margin-bottom: 6px;
      }
    }
  `,
})
export class MailMessageDialog {
  protected readonly summary = inject<MailMessageSummary>(MAT_DIALOG_DATA);
  protected readonly i18n = inject(I18n);
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly statusLook = STATUS_LOOK;
  protected readonly reasonLabels = REASON_LABELS;
  protected readonly languageLabels: Record<UiLanguage, TranslationKey> = {
    en: 'languages.en',
    de: 'languages.de',
  };
  protected readonly problemMessageKey = problemMessageKey;
  protected readonly view = signal<'text' | 'html'>('text');

  protected readonly loaded = toSignal(
    inject(MailApi)
      .message(this.summary.id)
      .pipe(
        map((message): Loaded => ({ message })),
        catchError((error: unknown) => of<Loaded>({ problem: toProblem(error) })),
      ),
  );
  protected readonly message = computed(() => this.loaded()?.message ?? null);
  /**
   * The email's HTML for the sandboxed frame. Angular would sanitise `srcdoc` as HTML and strip the email's
   * own styles; the sandbox and the frame's policy are what keep it harmless, so it is passed as it is.
   */
  protected readonly frameDoc = computed<SafeHtml | null>(() => {
    const html = this.message()?.html;
    return html ? this.sanitizer.bypassSecurityTrustHtml(`${FRAME_POLICY}${html}`) : null;
  });
}
