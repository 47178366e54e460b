// The public verification page (/verify/:id): minimal server-rendered HTML, no script, no inline style
// (its stylesheet is a separate route so that a strict Content-Security-Policy applies). Pure.
import type { CredentialInput, UiLanguage, VerificationResult } from '@brevet/contracts';
import { CERTIFICATE_TEXT, countryName, euElementRows, formatDay } from './certificate-text.util';
import { localized } from './credential-builder.util';

/** Headers every verification page is sent with. */
export const VERIFY_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The page names a person: it is for whoever has the link, not for search engines.
  'X-Robots-Tag': 'noindex, nofollow',
} as const;

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(language: UiLanguage, title: string, body: string, stylesheet: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(stylesheet)}">
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>
`;
}

export interface VerifyPageModel {
  language: UiLanguage;
  input: CredentialInput;
  result: VerificationResult;
  issuerName: string;
  /** Links on the page (absolute or root-relative). */
  links: { stylesheet: string; json: string; otherLanguage: string };
}

/** The page for a certificate: who, what, by whom, when, and its status, in `language`. */
export function renderVerifyPage(model: VerifyPageModel): string {
  const { language, input, result } = model;
  const t = CERTIFICATE_TEXT[language];
  const a = input.achievement;
  const rows: Array<[string, string]> = [
    [t.issuer, model.issuerName],
    [t.awardingBody, `${a.awardingBody.name} (${countryName(a.awardingBody.country, language)})`],
    [t.issuedOn, formatDay(input.issuedOn, language)],
    [t.validUntil, input.validUntil ? formatDay(input.validUntil, language) : t.noExpiry],
    ...euElementRows(input, language),
  ];
  const outcomes = a.learningOutcomes.map((o) => localized(o, language)).filter((o) => o !== '');
  const body = `<p class="eyebrow">${escapeHtml(t.pageTitle)} · <a href="${escapeHtml(model.links.otherLanguage)}" hreflang="${language === 'de' ? 'en' : 'de'}">${language === 'de' ? 'English' : 'Deutsch'}</a></p>
<div class="status status-${result.status}" role="status">
<strong>${escapeHtml(t.status[result.status])}</strong>
<span>${escapeHtml(t.statusExplained[result.status])}</span>
</div>
<h1>${escapeHtml(localized(a.titles, language))}</h1>
<p class="recipient">${escapeHtml(t.certifies)} <strong>${escapeHtml(input.recipient.name)}</strong> ${escapeHtml(t.completed)}.</p>
<dl>
${rows.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('\n')}
</dl>
${outcomes.length > 0 ? `<h2>${escapeHtml(t.learningOutcomes)}</h2>\n<ul>\n${outcomes.map((o) => `<li>${escapeHtml(o)}</li>`).join('\n')}\n</ul>` : ''}
<p class="meta">${escapeHtml(t.checkedAt)} ${escapeHtml(result.checkedAt.replace('T', ' ').slice(0, 19))} UTC</p>
<p class="links"><a href="${escapeHtml(model.links.json)}" type="application/json">${escapeHtml(t.json)}</a></p>`;
  return layout(language, `${t.pageTitle}: ${localized(a.titles, language)}`, body, model.links.stylesheet);
}

export function renderNotFoundPage(language: UiLanguage, stylesheet: string): string {
  const t = CERTIFICATE_TEXT[language];
  const body = `<div class="status status-invalid" role="status"><strong>${escapeHtml(t.notFoundTitle)}</strong><span>${escapeHtml(t.notFound)}</span></div>`;
  return layout(language, t.notFoundTitle, body, stylesheet);
}

/** The page's stylesheet: system fonts, readable on a phone, status colours with enough contrast. */
export const VERIFY_PAGE_CSS = `:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:#1b1f24;background:#f3f4f6}
body{margin:0;padding:1rem}
.card{max-width:44rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.eyebrow{margin:0 0 1rem;font-size:.875rem;color:#4b5563}
h1{font-size:1.5rem;margin:1rem 0 .5rem;line-height:1.25;overflow-wrap:anywhere;hyphens:auto}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
.recipient{font-size:1.05rem}
.status{display:flex;flex-direction:column;gap:.25rem;padding:.875rem 1rem;border-radius:8px;border-left:6px solid}
.status strong{font-size:1.25rem}
.status-valid{background:#e7f6ec;border-color:#1a7f37;color:#0f5323}
.status-expired,.status-not_yet_valid{background:#fff4e5;border-color:#9a6700;color:#5c3d00}
.status-revoked,.status-invalid{background:#fdecec;border-color:#cf222e;color:#82071e}
dl{display:grid;grid-template-columns:1fr;gap:.5rem;margin:1rem 0}
dl div{display:grid;grid-template-columns:minmax(9rem,35%) 1fr;gap:.75rem;border-bottom:1px solid #e5e7eb;padding-bottom:.5rem}
dt{font-weight:600;color:#374151}
dd{margin:0;overflow-wrap:anywhere}
.meta{font-size:.875rem;color:#4b5563}
a{color:#0a58ca}
a:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
@media (max-width:30rem){dl div{grid-template-columns:1fr;gap:0}.card{padding:1rem}}
`;
