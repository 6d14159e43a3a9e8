import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import {
  isHiddenPostingElement,
  POSTING_ATTRIBUTES,
  POSTING_TAGS,
} from '../../../../server/shared/posting-html.ts';

/** Posting headings sit under the page's own h1 and h2, so they start at h3. */
const marked = new Marked({
  gfm: true,
  breaks: false,
  walkTokens(token) {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + 2);
  },
});

const purify = DOMPurify();
// An element its author hid goes with its content, as the server's text reader drops it, so the page
// never shows what search did not index (and the other way round).
purify.addHook('uponSanitizeElement', (node, data) => {
  if (node instanceof Element && isHiddenPostingElement(data.tagName, (name) => node.getAttribute(name))) {
    node.remove();
  }
});
// Links leave the board: no referrer, no opener, and no endorsement of the target.
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof Element && node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('rel', 'nofollow noopener noreferrer ugc');
  }
});

/** Postings come from outside: render their markdown, then keep only the posting allow-list. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return purify.sanitize(html, {
    ALLOWED_TAGS: [...POSTING_TAGS],
    ALLOWED_ATTR: [...POSTING_ATTRIBUTES, 'rel'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
  });
}
