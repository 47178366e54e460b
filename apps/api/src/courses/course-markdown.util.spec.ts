import { renderLessonMarkdown } from './course-markdown.util';

const ALLOWED_TAGS = [
  'p',
  'a',
  'img',
  'strong',
  'em',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'br',
  'hr',
  'blockquote',
];
const ALLOWED_ATTRIBUTES = ['href', 'src', 'alt', 'title', 'target', 'rel', 'loading', 'referrerpolicy'];

const OPENING_TAG = /<([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/gi;

/**
 * The tags and attributes of rendered HTML. The renderer quotes every attribute with `"` and escapes `"` inside
 * values as `&quot;`, so a value ends at the next `"`; anything else between the quotes would fail the match.
 */
function tagsOf(html: string): Array<{ name: string; attributes: Array<[string, string]> }> {
  return [...html.matchAll(OPENING_TAG)].map((m) => ({
    name: m[1].toLowerCase(),
    attributes: [...m[2].matchAll(/\s+([a-z-]+)="([^"]*)"/gi)].map(
      (a) => [a[1].toLowerCase(), a[2]] as [string, string],
    ),
  }));
}

/** Hostile lesson texts: whatever an editor (or someone who took over an editor's account) writes. */
describe('renderLessonMarkdown', () => {
  const hostile: Array<[string, string]> = [
    ['a script tag', '<script>alert(1)</script>'],
    ['an image with an event handler', '<img src=x onerror="alert(1)">'],
    ['an svg with onload', '<svg onload=alert(1)></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['a javascript: link with odd case and spaces', '[click]( JaVaScRiPt:alert(1) )'],
    ['an entity-encoded javascript: link', '[click](&#106;avascript:alert(1))'],
    ['a vbscript: link', '[click](vbscript:msgbox(1))'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['a javascript: image', '![x](javascript:alert(1))'],
    ['a protocol-relative link', '[click](//evil.example/x)'],
    ['a reference link to javascript:', '[click][1]\n\n[1]: javascript:alert(1)'],
    ['an autolink to javascript:', '<javascript:alert(1)>'],
    ['a title that breaks out of the attribute', '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")'],
    ['an inline style', '<p style="background:url(javascript:alert(1))">x</p>'],
  ];

  it.each(hostile)('renders %s harmlessly', (_label, markdown) => {
    const html = renderLessonMarkdown(markdown);
    // Every "<" opens a tag the check below understands (a closing tag, or an opening tag with quoted values).
    expect(html.replace(OPENING_TAG, '').replace(/<\/[a-z0-9]+>/gi, '')).not.toContain('<');
    for (const tag of tagsOf(html)) {
      expect(ALLOWED_TAGS).toContain(tag.name);
      for (const [name, value] of tag.attributes) {
        expect(ALLOWED_ATTRIBUTES).toContain(name);
        if (name === 'href' || name === 'src') expect(value).toMatch(/^(https?:\/\/|mailto:|\/[^/]|#)/i);
      }
    }
  });

  it('keeps what lessons need: headings, lists, emphasis, https images and links', () => {
    const html = renderLessonMarkdown(
      '## Exits\n\n- Keep **exits** free\n- Know the [plan](https://example.com/plan.pdf)\n\n![Sign](/assets/exit.png "Exit sign")',
    );
    expect(html).toContain('<h2>Exits</h2>');
    expect(html).toContain('<li>Keep <strong>exits</strong> free</li>');
    expect(html).toContain(
      '<a href="https://example.com/plan.pdf" target="_blank" rel="noopener noreferrer">plan</a>',
    );
    expect(html).toContain(
      '<img src="/assets/exit.png" alt="Sign" title="Exit sign" loading="lazy" referrerpolicy="no-referrer">',
    );
  });

  it('shows raw HTML as text instead of dropping it silently', () => {
    expect(renderLessonMarkdown('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>\n');
  });
});
