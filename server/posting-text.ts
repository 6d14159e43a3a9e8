import { Parser } from 'htmlparser2';
import { Marked } from 'marked';
import { isHiddenPostingElement, POSTING_BLOCK_TAGS } from './shared/posting-html.ts';

const markdown = new Marked({ gfm: true, breaks: false });

/**
 * The text a candidate sees of a markdown posting, as search indexes it and extraction reads it: the
 * markdown rendered as the page renders it, then only the visible text of that HTML — no markup, link
 * targets or image text, and nothing inside elements the page removes as hidden
 * (server/shared/posting-html.ts), so hidden text can neither rank a posting nor require a skill.
 */
export function plainTextOfMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false });
  const out: string[] = [];
  /** Open elements, each marked whether it hides its content. */
  const open: { tag: string; hides: boolean }[] = [];
  let hiddenDepth = 0;
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        const hides = hiddenDepth > 0 || isHiddenPostingElement(tag, (name) => attributes[name]);
        if (hides) hiddenDepth++;
        open.push({ tag, hides });
        if (!hides && POSTING_BLOCK_TAGS.has(tag)) out.push('\n');
      },
      ontext(text) {
        if (hiddenDepth === 0) out.push(text);
      },
      onclosetag(tag) {
        // htmlparser2 closes void and implied elements too, so the stack stays in step.
        const index = open.findLastIndex((element) => element.tag === tag);
        if (index === -1) return;
        for (const element of open.splice(index)) if (element.hides) hiddenDepth--;
        if (hiddenDepth === 0 && (POSTING_BLOCK_TAGS.has(tag) || tag === 'td' || tag === 'th')) {
          out.push(tag === 'td' || tag === 'th' ? ' ' : '\n');
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join('')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n\s*/g, '\n')
    .trim();
}

/** The longest summary a search hit carries of its posting, in characters (the ellipsis included). */
export const POSTING_SUMMARY_MAX_CHARS = 280;

/**
 * A posting's opening as plain text for a result card: its visible text (`plainTextOfMarkdown`) on one
 * line, cut at a word boundary to at most `POSTING_SUMMARY_MAX_CHARS`, with "…" when cut.
 */
export function postingSummary(source: string): string {
  const text = plainTextOfMarkdown(source).replace(/\s+/g, ' ');
  if (text.length <= POSTING_SUMMARY_MAX_CHARS) return text;
  const room = text.slice(0, POSTING_SUMMARY_MAX_CHARS - 1);
  const space = room.lastIndexOf(' ');
  const cut =
    space > POSTING_SUMMARY_MAX_CHARS / 2 ? room.slice(0, space) : room.replace(/[\ud800-\udbff]$/, '');
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
