import MarkdownIt from 'markdown-it';

/**
 * Lesson Markdown → HTML that is safe to put into a page. Safety comes from what the renderer can produce,
 * not from cleaning its output afterwards:
 *
 * - `html: false`: raw HTML in the Markdown (`<script>`, `<img onerror=…>`, `<a href=…>`) is escaped and shown
 *   as text; the renderer writes only its own tags, whose attributes are escaped.
 * - Links and images: only `https:`, `http:`, `mailto:` and site-relative URLs pass `validateLink`; anything
 *   else (`javascript:`, `vbscript:`, `data:`, `file:`, protocol-relative `//host`) stays plain text.
 * - Every link opens in a new tab with `rel="noopener noreferrer"`; images load lazily with no referrer.
 *
 * The admin app puts the result through Angular's own sanitiser too (`[innerHTML]`), a second line.
 * Hostile input is tested in `course-markdown.util.spec.ts`.
 */
const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
// Markdown-it normalises the URL (percent-encoding) after validating it; a normalised URL keeps its scheme.

const defaultLinkOpen =
  md.renderer.rules['link_open'] ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules['link_open'] = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!String(token.attrGet('href') ?? '').startsWith('#')) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const defaultImage =
  md.renderer.rules['image'] ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules['image'] = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('loading', 'lazy');
  tokens[idx].attrSet('referrerpolicy', 'no-referrer');
  return defaultImage(tokens, idx, options, env, self);
};

export function renderLessonMarkdown(markdown: string): string {
  return md.render(markdown);
}

/** A URL a learner may follow from an attachment or video link: http(s) or site-relative only. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/[^\s]+|\/(?!\/)[^\s]*)$/i.test(url);
}
