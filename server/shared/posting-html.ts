/**
 * What a posting's HTML may show, for the web's renderer and the server's text reader alike: what a
 * candidate sees on the page is exactly what search indexes and extraction reads.
 *
 * Postings are markdown, which may carry HTML. The page keeps only the tags below with only the
 * attributes below: no `style`, `class`, `id` or `name`, so a posting cannot draw over the page, borrow
 * its styles or clobber its globals; no images, so it cannot track readers or hide text in `alt`.
 */
export const POSTING_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
] as const;

export const POSTING_ATTRIBUTES = ['href', 'title', 'colspan', 'rowspan', 'start'] as const;

/** Tags whose content never shows as text (dropped with everything inside). */
export const POSTING_INVISIBLE_TAGS = [
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'textarea',
  'select',
  'option',
  'button',
  'form',
] as const;

/** Blocks: their text starts and ends a line. */
export const POSTING_BLOCK_TAGS = new Set<string>([
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'br',
  'dd',
  'dt',
]);

const invisibleTags = new Set<string>(POSTING_INVISIBLE_TAGS);
const HIDING_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0(?:\.0*)?(?:[a-z%]+)?\s*(?:!important)?\s*(?:;|$)|opacity\s*:\s*0(?:\.0*)?\s*(?:!important)?\s*(?:;|$))/i;

/**
 * Whether an element (with its content) is hidden from a reader: a tag that shows no text, or one its
 * author hid (`hidden`, `aria-hidden`, a hiding inline style). Such elements are removed whole, on the
 * page and in the indexed text, so text a candidate cannot see can neither rank nor require a skill.
 */
export function isHiddenPostingElement(
  tag: string,
  attribute: (name: string) => string | null | undefined,
): boolean {
  if (invisibleTags.has(tag.toLowerCase())) return true;
  if (attribute('hidden') != null) return true;
  if ((attribute('aria-hidden') ?? '').trim().toLowerCase() === 'true') return true;
  const style = attribute('style');
  return style != null && HIDING_STYLE.test(style);
}
