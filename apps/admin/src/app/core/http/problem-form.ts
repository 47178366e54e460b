import type { AbstractControl } from '@angular/forms';
import type { ProblemDetails } from '@brevet/contracts';
import type { TranslationKey } from '../i18n';

/** Shows a message from the server at a form control (fields render their `server` error). */
export function markServerError(control: AbstractControl, message: TranslationKey): void {
  control.setErrors({ server: message });
  control.markAsTouched();
}

export interface ProblemFields<F extends string> {
  /** The control behind an API field name; null or undefined when the form has none. */
  control: (field: F) => AbstractControl | null | undefined;
  /** Problem codes that always concern one field, with the message to show there. */
  byCode?: Partial<Record<string, readonly [F, TranslationKey]>>;
  /** The message for each API field name the problem's `errors` may list. */
  fieldMessages: Partial<Record<F, TranslationKey>>;
}

/**
 * Puts a problem next to the fields it concerns: by its code, or else field by field from its `errors`.
 * Returns false when it could show nothing there (disabled or unknown fields), so the caller says it elsewhere.
 */
export function showProblemAtFields<F extends string>(
  problem: ProblemDetails,
  fields: ProblemFields<F>,
): boolean {
  const at = (field: F, message: TranslationKey): boolean => {
    const control = fields.control(field);
    if (!control || control.disabled) return false;
    markServerError(control, message);
    return true;
  };
  const byCode = fields.byCode?.[problem.code];
  if (byCode) return at(byCode[0], byCode[1]);
  let shown = false;
  for (const error of problem.errors ?? []) {
    const message = fields.fieldMessages[error.field as F];
    if (message) shown = at(error.field as F, message) || shown;
  }
  return shown;
}
