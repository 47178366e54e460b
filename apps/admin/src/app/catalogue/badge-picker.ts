import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { BADGE_IMAGE_MAX_BYTES } from '@brevet/contracts';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MIN_SIDE = 16;
const MAX_SIDE = 2048;

/** Reads the width and height from a PNG's header chunk (bytes 16–23), without decoding the image. */
async function pngSize(file: Blob): Promise<{ width: number; height: number } | null> {
  const head = new Uint8Array(await file.slice(0, 24).arrayBuffer());
  if (head.length < 24 || PNG_SIGNATURE.some((byte, i) => head[i] !== byte)) return null;
  const view = new DataView(head.buffer);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Chooses a badge image: a PNG of at most 512 KB and 16–2048 pixels a side (the API's rules, checked here
 * first), shown as a preview before it is saved. The current badge is shown until another is chosen.
 */
@Component({
  selector: 'bv-badge-picker',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="picker">
      @if (preview() ?? currentUrl(); as src) {
        <img
          class="preview"
          [src]="src"
          [alt]="'catalogue.editor.badgePreview' | t"
          width="112"
          height="112"
        />
      } @else {
        <span class="preview empty" aria-hidden="true"><span>PNG</span></span>
      }
      <div class="side">
        <div class="bv-actions">
          <button type="button" mat-stroked-button (click)="input.click()">
            <mat-icon svgIcon="upload" aria-hidden="true" />
            {{
              (preview() || currentUrl() ? 'catalogue.editor.badgeReplace' : 'catalogue.editor.badgeChoose')
                | t
            }}
          </button>
          @if (preview()) {
            <button type="button" mat-button (click)="clear()">{{ 'catalogue.editor.badgeUndo' | t }}</button>
          }
        </div>
        @if (fileName(); as name) {
          <p class="name">{{ name }}</p>
        }
        <p class="hint">{{ 'catalogue.editor.badgeHint' | t: { max: maxKb } }}</p>
        @if (problem(); as problem) {
          <p class="problem" role="alert">{{ problem | t: { max: maxKb } }}</p>
        }
        <input
          #input
          type="file"
          class="visually-hidden"
          accept="image/png"
          tabindex="-1"
          [attr.aria-label]="'catalogue.editor.badgeChoose' | t"
          (change)="picked(input)"
        />
      </div>
    </div>
  `,
  styles: `
    .picker {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 16px;
    }
    .preview {
      display: grid;
      place-items: center;
      width: 112px;
      height: 112px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      object-fit: contain;
      background: var(--mat-sys-surface-container-low);
    }
    .empty {
      color: var(--mat-sys-outline);
      font: var(--mat-sys-label-large);
    }
    .side {
      flex: 1;
      min-width: 200px;
    }
    p {
      margin: 8px 0 0;
    }
    .name {
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .problem {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class BadgePicker {
  protected readonly i18n = inject(I18n);

  /** The badge saved so far, if any. */
  readonly currentUrl = input<string | null>(null);
  /** The chosen file (null when the choice is undone). */
  readonly chosen = output<File | null>();

  protected readonly maxKb = BADGE_IMAGE_MAX_BYTES / 1024;
  protected readonly preview = signal<string | null>(null);
  protected readonly fileName = signal<string | null>(null);
  protected readonly problem = signal<TranslationKey | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.revoke());
  }

  /** Shows a problem the server found with the image. */
  showProblem(key: TranslationKey): void {
    this.problem.set(key);
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.item(0) ?? null;
    input.value = ''; // choosing the same file again still counts
    if (file) void this.take(file);
  }

  private async take(file: File): Promise<void> {
    const problem = await this.check(file);
    this.problem.set(problem);
    if (problem) return;
    this.revoke();
    this.preview.set(URL.createObjectURL(file));
    this.fileName.set(`${file.name} · ${this.i18n.fileSize(file.size)}`);
    this.chosen.emit(file);
  }

  protected clear(): void {
    this.revoke();
    this.fileName.set(null);
    this.problem.set(null);
    this.chosen.emit(null);
  }

  private async check(file: File): Promise<TranslationKey | null> {
    if (file.size > BADGE_IMAGE_MAX_BYTES) return 'catalogue.editor.badgeTooLarge';
    const size = await pngSize(file);
    if (!size) return 'catalogue.editor.badgeNotPng';
    const sides = [size.width, size.height];
    if (sides.some((side) => side < MIN_SIDE || side > MAX_SIDE)) return 'catalogue.editor.badgeSize';
    return null;
  }

  private revoke(): void {
    const url = this.preview();
    if (url) URL.revokeObjectURL(url);
    this.preview.set(null);
  }
}
