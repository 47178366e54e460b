// The demo identity provider's HTML: a people picker and the auto-submitting POST to Brevet's ACS. Plain,
// server-rendered, no inline script or style (a strict Content-Security-Policy applies), mobile-friendly. Pure.
import type { DemoIdpPerson } from './demo-idp.people';

export const DEMO_IDP_TITLE = 'Brevet demo identity provider';

/** Escapes text and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Links the pages use (absolute, from PUBLIC_URL). */
export interface DemoIdpPageLinks {
  stylesheet: string;
  /** Where the people picker posts the chosen person. */
  sso: string;
  /** The script that submits the ACS form. */
  autosubmit: string;
}

/** Headers of both pages: no caching, no framing, scripts, styles and forms only from `origins`. */
export function demoIdpPageHeaders(origins: string[]): Record<string, string> {
  const self = ["'self'", ...new Set(origins)].join(' ');
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; script-src ${self}; style-src ${self}; form-action ${self}; base-uri 'none'; frame-ancestors 'none'`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex, nofollow',
  };
}

function layout(title: string, body: string, links: DemoIdpPageLinks, script?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(links.stylesheet)}">
</head>
<body>
<main>
${body}
</main>
${script ? `<script src="${escapeHtml(script)}"></script>\n` : ''}</body>
</html>
`;
}

function hidden(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">\n`;
}

/** The people picker: one form, one submit button per person (name + role), the SAML request carried along. */
export function renderPeoplePage(model: {
  people: DemoIdpPerson[];
  samlRequest: string;
  relayState?: string;
  links: DemoIdpPageLinks;
}): string {
  const { people, links } = model;
  const list =
    people.length === 0
      ? '<p class="empty" role="status">There is nobody to sign in as: load the demo data first (SEED_DEMO=true on an empty database).</p>'
      : `<ul class="people">
${people
  .map(
    (p) =>
      `<li><button type="submit" name="person" value="${escapeHtml(p.key)}"><span class="name">${escapeHtml(p.label)}</span><span class="role">${escapeHtml(p.description)}</span></button></li>`,
  )
  .join('\n')}
</ul>`;
  const body = `<h1>${escapeHtml(DEMO_IDP_TITLE)}</h1>
<p>This page stands in for your company's identity provider (such as Entra ID, Okta or Keycloak). Choose who you want to be: Brevet receives a signed SAML assertion for that person.</p>
<p class="warning"><strong>For trying Brevet only.</strong> Anyone can sign in as anyone here; it is never available in production.</p>
<form method="post" action="${escapeHtml(links.sso)}">
${hidden('SAMLRequest', model.samlRequest)}${hidden('RelayState', model.relayState)}<fieldset>
<legend>Sign in as</legend>
${list}
</fieldset>
</form>`;
  return layout(DEMO_IDP_TITLE, body, links);
}

/** The HTTP-POST binding: a form to Brevet's ACS, submitted by the external script, or by hand without it. */
export function renderPostPage(model: {
  acsUrl: string;
  samlResponse: string;
  relayState?: string;
  personLabel: string;
  links: DemoIdpPageLinks;
}): string {
  const body = `<h1>Signing you in to Brevet</h1>
<p>Sending a signed SAML response for <strong>${escapeHtml(model.personLabel)}</strong> to Brevet.</p>
<form id="saml-post" method="post" action="${escapeHtml(model.acsUrl)}">
${hidden('SAMLResponse', model.samlResponse)}${hidden('RelayState', model.relayState)}<button type="submit">Continue</button>
</form>`;
  return layout(`${DEMO_IDP_TITLE}: signing in`, body, model.links, model.links.autosubmit);
}

/** Submits the ACS form as soon as the page has loaded; the visible button covers browsers without script. */
export const AUTOSUBMIT_JS = `(function () {
  var form = document.getElementById('saml-post');
  if (form) HTMLFormElement.prototype.submit.call(form);
})();
`;

export const DEMO_IDP_CSS = `:root { color-scheme: light dark; --accent: #0b5cad; --line: #c8ccd2; --muted: #5b6470; }
@media (prefers-color-scheme: dark) { :root { --accent: #7fb5ff; --line: #3a414b; --muted: #a4adb8; } }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
.warning { border-left: 4px solid #b25e00; padding: 0.5rem 0.75rem; background: rgba(178, 94, 0, 0.1); }
fieldset { border: 0; margin: 1.5rem 0 0; padding: 0; }
legend { font-weight: 600; margin-bottom: 0.5rem; }
.people { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
button { display: block; width: 100%; min-height: 3rem; padding: 0.75rem 1rem; text-align: left; font: inherit;
  color: inherit; background: transparent; border: 1px solid var(--line); border-radius: 0.5rem; cursor: pointer; }
button:hover { border-color: var(--accent); }
button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.name { display: block; font-weight: 600; }
.role { display: block; color: var(--muted); font-size: 0.9375rem; }
#saml-post button { text-align: center; font-weight: 600; color: #fff; background: var(--accent); border-color: var(--accent); }
@media (prefers-color-scheme: dark) { #saml-post button { color: #000; } }
`;
