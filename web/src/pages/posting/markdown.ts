import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/** Posting headings sit under the page's own h1 and h2, so they start at h3. */
const marked = new Marked({
  gfm: true,
  breaks: false,
  walkTokens(token) {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + 2);
  },
});

/** Postings come from outside: render their markdown, then keep only safe HTML. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] });
}
