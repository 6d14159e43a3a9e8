import { escapeHtml } from '../html.ts';
import type { SearchHit } from '../port.ts';
import type { QueryPlan } from './query-planner.ts';
import { isPlaceholder, type TextAnalyzer } from './text-analyzer.ts';

const DESCRIPTION_CROP_WORDS = 30;

type HighlightedWords = Pick<QueryPlan, 'highlightTerms' | 'highlightPrefix'>;

/**
 * `text` as escaped HTML with the words the query matched in `<mark>`; with `cropWords`, only that
 * many words from a little before the first match, `…` marking cut ends.
 */
function highlight(
  analyzer: TextAnalyzer,
  text: string,
  words: HighlightedWords,
  cropWords: number | null,
): string {
  const tokens = analyzer.tokenize(text);
  const matches = tokens.map(
    (t) =>
      words.highlightTerms.has(t.term) ||
      (words.highlightPrefix !== null && !isPlaceholder(t.term) && t.term.startsWith(words.highlightPrefix)),
  );
  let from = 0;
  let to = tokens.length;
  if (cropWords !== null && tokens.length > cropWords) {
    const first = Math.max(0, matches.indexOf(true));
    from = Math.max(0, Math.min(first - Math.floor(cropWords / 3), tokens.length - cropWords));
    to = from + cropWords;
  }
  const start = from === 0 ? 0 : tokens[from]!.start;
  const end = to === tokens.length ? text.length : tokens[to - 1]!.end;
  let out = from === 0 ? '' : '…';
  let cursor = start;
  for (let i = from; i < to; i++) {
    if (!matches[i]) continue;
    const token = tokens[i]!;
    out += `${escapeHtml(text.slice(cursor, token.start))}<mark>${escapeHtml(text.slice(token.start, token.end))}</mark>`;
    cursor = token.end;
  }
  out += escapeHtml(text.slice(cursor, end));
  return to === tokens.length ? out : `${out}…`;
}

/** A hit's highlights: the whole title, and a crop of the description around its first match. */
export function hitHighlights(
  analyzer: TextAnalyzer,
  text: { title: string; description: string },
  words: HighlightedWords,
): NonNullable<SearchHit['highlights']> {
  return {
    title: highlight(analyzer, text.title, words, null),
    description: highlight(analyzer, text.description, words, DESCRIPTION_CROP_WORDS),
  };
}
