import * as fs from 'node:fs';
import * as path from 'node:path';
import { NAV_ITEMS } from '../src/app/core/auth/navigation';
import { de } from '../src/app/core/i18n/de';
import { en } from '../src/app/core/i18n/en';

/**
 * The dictionaries against the code, at runtime (the compiler checks the shape, this checks what ships):
 * every key the templates and TypeScript use exists in English and German, both dictionaries have the same
 * keys, no German text is empty, and each translation keeps the `{placeholders}` of the English one.
 */
type Tree = { [key: string]: string | Tree };

const APP = path.join(__dirname, '../src/app');
const DICTIONARIES = new Set(['en.ts', 'de.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|html)$/.test(entry.name) &&
      !entry.name.endsWith('.spec.ts') &&
      !DICTIONARIES.has(entry.name)
      ? [file]
      : [];
  });
}

const isPlural = (value: string | Tree): value is Tree =>
  typeof value === 'object' && typeof value['other'] === 'string';

/** Every key `t()` accepts (leaf texts and plural entries) with its texts. */
function leaves(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, [value]);
    else if (isPlural(value)) out.set(full, Object.values(value) as string[]);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

/** Every path in the tree, plural forms included (`a.b.other`), to compare the two shapes exactly. */
function allPaths(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const full = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [full] : allPaths(value, full);
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const english = leaves(en as unknown as Tree);
const german = leaves(de as unknown as Tree);
const topLevel = new Set(Object.keys(en));

/**
 * The keys the code uses: the literal before `| t` (templates, inline templates), the argument of `t('…')`,
 * and any other single-quoted literal shaped like a key whose first part is a dictionary section (keys kept
 * in lookup tables, e.g. `label: 'me.status.valid'`; a property name like `'evidence.approved':` is not one). Keys built at runtime from parts are checked by the
 * compiler's `TranslationKey` type instead.
 */
function usedKeys(): Map<string, { where: string; strict: boolean }> {
  const used = new Map<string, { where: string; strict: boolean }>();
  const keyShape = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;
  for (const file of sourceFiles(APP)) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(APP, file);
    for (const m of text.matchAll(/(['"])([A-Za-z0-9_.]+)\1\s*\|\s*t\b/g))
      used.set(m[2], { where, strict: true });
    for (const m of text.matchAll(/\bt\(\s*(['"])([A-Za-z0-9_.]+)\1/g))
      used.set(m[2], { where, strict: true });
    // Single-quoted only (HTML attributes and comments use other quotes), and not an object's property name.
    for (const m of text.matchAll(/'([A-Za-z0-9_.]+)'(?!:)/g)) {
      const candidate = m[1];
      if (/\.(ts|html|scss|json)$/.test(candidate)) continue;
      if (keyShape.test(candidate) && topLevel.has(candidate.split('.')[0]) && !used.get(candidate)?.strict)
        used.set(candidate, { where, strict: false });
    }
  }
  return used;
}

describe('i18n dictionaries', () => {
  const used = usedKeys();

  it('finds the keys the code uses', () => {
    // A guard against a broken scan that would make the next test pass on nothing.
    expect(used.size).toBeGreaterThan(500);
    expect(used.has('app.skipToContent')).toBe(true);
  });

  it('has every key the code uses in English and German', () => {
    // A literal found outside `| t` and `t()` may also be the prefix of a group of keys (`'jobs.retryConfirm'`
    // completed with `.title` at runtime); that counts as present when the group exists.
    const has = (texts: Map<string, string[]>, key: string, strict: boolean) =>
      texts.has(key) || (!strict && [...texts.keys()].some((k) => k.startsWith(`${key}.`)));
    const missing = [...used]
      .flatMap(([key, { where, strict }]) => [
        ...(has(english, key, strict) ? [] : [`en: ${key} (${where})`]),
        ...(has(german, key, strict) ? [] : [`de: ${key} (${where})`]),
      ])
      .sort();
    expect(missing).toEqual([]);
  });

  it('has the same keys in English and German', () => {
    const enPaths = new Set(allPaths(en as unknown as Tree));
    const dePaths = new Set(allPaths(de as unknown as Tree));
    expect([...enPaths].filter((p) => !dePaths.has(p))).toEqual([]);
    expect([...dePaths].filter((p) => !enPaths.has(p))).toEqual([]);
  });

  it('has no empty text in either language', () => {
    const empty = (texts: Map<string, string[]>, lang: string) =>
      [...texts]
        .filter(([, values]) => values.some((v) => v.trim() === ''))
        .map(([key]) => `${lang}: ${key}`);
    expect([...empty(english, 'en'), ...empty(german, 'de')]).toEqual([]);
  });

  it('gives every page of the navigation a label of its own in both languages', () => {
    for (const texts of [english, german]) {
      const labels = NAV_ITEMS.map((item) => texts.get(item.label)?.[0]);
      const repeated = labels.filter((label, i) => labels.indexOf(label) !== i);
      expect(repeated).toEqual([]);
    }
  });

  it('keeps the placeholders of the English text in German', () => {
    const differ = [...english]
      .filter(([key]) => german.has(key))
      .filter(([key, texts]) => {
        const want = JSON.stringify([...new Set(texts.flatMap(placeholders))].sort());
        const got = JSON.stringify([...new Set((german.get(key) ?? []).flatMap(placeholders))].sort());
        return want !== got;
      })
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });
});
