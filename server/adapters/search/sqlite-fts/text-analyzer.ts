import type { SearchVocabulary } from '../port.ts';
import { technologyWords } from '../vocabulary.ts';

/**
 * The embedded engine's own tokenizer. FTS5 cannot take a tokenizer written in JavaScript, so text is
 * tokenized here and handed to FTS5 as space-separated terms (with its `ascii` tokenizer, which then
 * only splits on the spaces). Terms are lower-case letters and digits without diacritics; technology
 * words ("c#", ".net", "node.js") become one placeholder term each, so "C#" is never the term "c".
 */

export interface TextToken {
  /** The indexed form. */
  term: string;
  /** Offsets in the original text, for highlighting. */
  start: number;
  end: number;
}

export interface TextAnalyzer {
  tokenize(text: string): TextToken[];
  /** The terms of `text`, joined by spaces: what FTS5 indexes. */
  indexText(text: string): string;
}

/** Placeholder terms start with this; no typo or prefix expansion ever produces one. */
export const PLACEHOLDER_PREFIX = 'zx';

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Stable across restarts and vocabulary changes (a hash, not a position), since the index persists. */
export function placeholderTerm(kind: 'word' | 'skill', value: string): string {
  return `${PLACEHOLDER_PREFIX}${kind === 'word' ? 'w' : 's'}${fnv1a(value).toString(36)}`;
}

export function isPlaceholder(term: string): boolean {
  return term.startsWith(PLACEHOLDER_PREFIX);
}

export function normalizeWord(word: string): string {
  // Lower-cased again after NFKD, which turns some characters into capitals ("ℝ" → "R"): FTS5 folds
  // ASCII case when it indexes, and the engine compares terms with what FTS5 indexed.
  return word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

const NORMALIZED_WORDS_CACHED = 50_000;

function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

interface TrieNode {
  next: Map<string, TrieNode>;
  word: string | null;
}

const WORD_RUN = /[\p{L}\p{N}\p{M}]+/uy;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start) ?? 0));
}

function isWordCharAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(index) ?? 0));
}

export function createTextAnalyzer(vocabulary: SearchVocabulary): TextAnalyzer {
  const root: TrieNode = { next: new Map(), word: null };
  for (const word of technologyWords(vocabulary)) {
    let node = root;
    // Code units, as `technologyWordAt` walks the text by code unit.
    for (let i = 0; i < word.length; i++) {
      const ch = word[i]!;
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), word: null };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.word = word;
  }

  /** ASCII codes that may start a technology word, in either case. */
  const technologyStarts = new Uint8Array(128);
  for (const ch of root.next.keys()) {
    for (const variant of [ch, ch.toUpperCase()]) {
      const code = variant.charCodeAt(0);
      if (variant.length === 1 && code < 128) technologyStarts[code] = 1;
    }
  }

  /** The longest technology word starting at `start` and ending at a word boundary. */
  function technologyWordAt(text: string, start: number): { word: string; end: number } | null {
    if (isWordCharBefore(text, start)) return null;
    let node: TrieNode | undefined = root;
    let found: { word: string; end: number } | null = null;
    for (let i = start; i < text.length && node; i++) {
      node = node.next.get(text[i]!.toLowerCase());
      if (node?.word && !isWordCharAt(text, i + 1)) found = { word: node.word, end: i + 1 };
    }
    return found;
  }

  // Postings repeat the same words, so normalising each spelling once saves most of tokenizing's time.
  const normalized = new Map<string, string>();
  function normalizedWord(word: string): string {
    let term = normalized.get(word);
    if (term === undefined) {
      if (normalized.size >= NORMALIZED_WORDS_CACHED) normalized.clear();
      term = normalizeWord(word);
      normalized.set(word, term);
    }
    return term;
  }

  const technologyTerms = new Map<string, string>();
  const technologyTerm = (word: string) => {
    let term = technologyTerms.get(word);
    if (term === undefined) {
      term = placeholderTerm('word', word);
      technologyTerms.set(word, term);
    }
    return term;
  };

  function tokenize(text: string): TextToken[] {
    const tokens: TextToken[] = [];
    const length = text.length;
    let i = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      const maybeTechnology =
        code < 128 ? technologyStarts[code] === 1 : root.next.has(text[i]!.toLowerCase());
      const technology = maybeTechnology ? technologyWordAt(text, i) : null;
      if (technology) {
        tokens.push({ term: technologyTerm(technology.word), start: i, end: technology.end });
        i = technology.end;
        continue;
      }
      // Fast path for ASCII words; anything else (or an ASCII run running into other letters) takes the
      // Unicode regular expression.
      let end = i;
      while (end < length && isAsciiWordCode(text.charCodeAt(end))) end++;
      let word: string | null = null;
      if (end > i && (end === length || text.charCodeAt(end) < 128)) {
        word = text.slice(i, end);
      } else if (end > i || code >= 128) {
        WORD_RUN.lastIndex = i;
        word = WORD_RUN.exec(text)?.[0] ?? null;
      }
      if (word) {
        const term = normalizedWord(word);
        if (term) tokens.push({ term, start: i, end: i + word.length });
        i += word.length;
      } else {
        i++;
      }
    }
    return tokens;
  }

  return {
    tokenize,
    indexText: (text) =>
      tokenize(text)
        .map((t) => t.term)
        .join(' '),
  };
}

/** Meilisearch's default typo budget for a query word: none under 5 characters, 1 from 5, 2 from 9. */
export function typoBudget(word: string): number {
  const length = [...word].length;
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Whether `candidate` is within `budget` typos of `word`, counting as Meilisearch does: Damerau
 * (optimal string alignment) edits, with a typo on the first character costing two.
 */
export function withinTypos(word: string, candidate: string, budget: number): boolean {
  if (budget <= 0) return word === candidate;
  const effective = word[0] === candidate[0] ? budget : budget - 1;
  if (effective < 0 || Math.abs(word.length - candidate.length) > effective) return false;
  const n = candidate.length;
  let before = new Array<number>(n + 1);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1);
  for (let i = 1; i <= word.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = word[i - 1] === candidate[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && word[i - 1] === candidate[j - 2] && word[i - 2] === candidate[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > effective) return false;
    [before, previous, current] = [previous, current, before];
  }
  return previous[n]! <= effective;
}
