/**
 * Formula injection ("CSV injection", OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`
 * as a formula, and TAB or CR at the start can hide such a character from a filter. Every text cell an export
 * writes (CSV and XLSX) goes through `neutraliseFormula`, which puts a `'` in front of such text, so the
 * spreadsheet shows it as text. Numbers are never passed here: a negative number stays a number. Pure.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet could read `text` as a formula. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** `text`, with a leading `'` when it starts like a formula. */
export function neutraliseFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
