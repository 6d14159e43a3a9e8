/**
 * Mentions that name a skill but ask for none: roles and teams ("DevOps engineer"), contact links
 * ("github.com/…", "a GitHub profile"), legal notices ("work authorization"), institutions ("Data
 * Protection Office"), partner badges ("an AWS Premier Consulting Partner"), sentences about the
 * company ("<company> is a leader in big data and machine learning") and whole sections about the
 * company or its benefits ("About us", "What we offer": `extraction-sections.ts`). Each rule reads a
 * few words around the mention, and links, company sentences and headings are found from cheap
 * anchors, so the pass stays linear and light.
 */
import type { CleanText } from './extraction-clean-text.ts';
import type { CandidateMention } from './extraction-mentions.ts';
import { companySections } from './extraction-sections.ts';
import {
  badgeWords,
  candidateWords,
  companySubjects,
  contactWords,
  institutionWordsAfter,
  legalWordsBefore,
  roleNouns,
  roleQualifiers,
  roleWordsBefore,
} from './extraction-words.ts';

interface Span {
  start: number;
  end: number;
}

const TOP_LEVEL_DOMAINS = ['com', 'io', 'org', 'dev', 'co', 'ai', 'app', 'me', 'info', 'de', 'uk'];
/** Where a link or address shows itself: a scheme, www, an @, or a dot (maybe spaced) before a domain. */
const LINK_ANCHOR = new RegExp(
  String.raw`https?://|www\.|@|(?: ?\. ?)(?:${TOP_LEVEL_DOMAINS.join('|')})(?![a-z0-9])`,
  'g',
);

function isHostCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 0x2d ||
    code === 0x5f ||
    code === 0x2e
  );
}

function isSpaceOrEnd(code: number): boolean {
  return Number.isNaN(code) || code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x29;
}

/** Links and addresses, each grown from its anchor to the whitespace around it. */
function linkSpans(lower: string): Span[] {
  const spans: Span[] = [];
  for (const match of lower.matchAll(LINK_ANCHOR)) {
    let start = match.index;
    // Back over the host ("github" in "github . com", "jobs" in "jobs@acme.io").
    if (start > 0 && lower.charCodeAt(start) === 0x20) start--;
    while (start > 0 && isHostCode(lower.charCodeAt(start - 1))) start--;
    let end = match.index + match[0].length;
    while (end < lower.length && !isSpaceOrEnd(lower.charCodeAt(end))) end++;
    const last = spans.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end });
  }
  return spans;
}

const candidateWordPattern = new RegExp(String.raw`\b(?:${candidateWords.join('|')})\b`);
const companyOpening = new RegExp(
  String.raw`(?:^|[.!?][ \t]|\n)[ \t*•\-–]*(?:${companySubjects.map((subject) => subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
  'g',
);
const SENTENCE_END = /[.!?][ \t]|\n/g;

/** Sentences about the company that do not speak to the candidate. */
function companySentences(lower: string): Span[] {
  const spans: Span[] = [];
  for (const match of lower.matchAll(companyOpening)) {
    const start = match.index;
    SENTENCE_END.lastIndex = start + match[0].length;
    const end = SENTENCE_END.exec(lower)?.index ?? lower.length;
    if (!candidateWordPattern.test(lower.slice(start, end))) spans.push({ start, end: end + 1 });
  }
  return spans;
}

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 0x2d;
}

/** A full stop, semicolon, exclamation or question mark at `at` followed by whitespace. */
function endsSentence(lower: string, at: number): boolean {
  const code = lower.charCodeAt(at);
  if (code !== 0x2e && code !== 0x3b && code !== 0x21 && code !== 0x3f) return false;
  const next = lower.charCodeAt(at + 1);
  return next === 0x20 || (next >= 0x09 && next <= 0x0d);
}

/** Up to `count` words after `index`, stopping at a sentence end or line break, lower case. */
function wordsAfter(lower: string, index: number, count: number): string[] {
  const words: string[] = [];
  let at = index;
  while (words.length < count && at < lower.length) {
    while (at < lower.length && !isWordCode(lower.charCodeAt(at))) {
      if (lower.charCodeAt(at) === 0x0a || endsSentence(lower, at)) return words;
      at++;
    }
    const start = at;
    while (at < lower.length && isWordCode(lower.charCodeAt(at))) at++;
    if (at > start) words.push(lower.slice(start, at));
  }
  return words;
}

/** Whether the line that ends at the line break `at` ends in a colon: a label ("Role:") above its value. */
function labelLineEndsAt(lower: string, at: number): boolean {
  let end = at;
  while (end > 0 && (lower.charCodeAt(end - 1) === 0x20 || lower.charCodeAt(end - 1) === 0x09)) end--;
  return end > 0 && lower.charCodeAt(end - 1) === 0x3a;
}

/**
 * The one or two words before `index` on its line ("work", "as an"), or on the line above when that
 * line is a label and `index` opens its value ("Role:⏎DevOps").
 */
function wordsBefore(lower: string, index: number): { one: string; two: string } {
  const words: string[] = [];
  let at = index;
  let crossed = false;
  while (words.length < 2 && at > 0) {
    while (at > 0 && !isWordCode(lower.charCodeAt(at - 1))) {
      if (lower.charCodeAt(at - 1) !== 0x0a) at--;
      else if (!crossed && words.length === 0 && labelLineEndsAt(lower, at - 1)) {
        crossed = true;
        at--;
      } else at = 0;
    }
    const end = at;
    while (at > 0 && isWordCode(lower.charCodeAt(at - 1))) at--;
    if (end > at) words.push(lower.slice(at, end));
  }
  const one = words[0] ?? '';
  return { one, two: words[1] === undefined ? one : `${words[1]} ${one}` };
}

/** "DevOps engineer", "agile software developer", "Role: DevOps", "as an SRE": a role, not a skill. */
function isRole(before: { one: string; two: string }, after: string[]): boolean {
  const [first, second] = after;
  if (first !== undefined && roleNouns.has(first)) return true;
  if (first !== undefined && roleQualifiers.has(first) && second !== undefined && roleNouns.has(second)) {
    return true;
  }
  return roleWordsBefore.has(before.one) || roleWordsBefore.has(before.two);
}

/** ". Net income": a spaced ".NET" in title case that opens an ordinary sentence. */
function isSentenceBreak(clean: CleanText, mention: CandidateMention): boolean {
  if (clean.text.charCodeAt(mention.start) !== 0x2e || clean.text.charCodeAt(mention.start + 1) !== 0x20) {
    return false;
  }
  if (!/^\. [A-Z][a-z]/.test(clean.text.slice(mention.start, mention.end))) return false;
  const next = wordsAfter(clean.lower, mention.end, 1)[0];
  return (
    next !== undefined && next.length > 2 && /^\s*[a-z]/.test(clean.text.slice(mention.end, mention.end + 4))
  );
}

/** Drops mentions inside any of `spans` (both in text order) with one sweep. */
function outside(mentions: CandidateMention[], spans: Span[]): CandidateMention[] {
  if (spans.length === 0) return mentions;
  let at = 0;
  return mentions.filter((mention) => {
    while (at < spans.length && spans[at]!.end <= mention.start) at++;
    const span = spans[at];
    return !(span && span.start < mention.end);
  });
}

const RULE_WORDS = [
  ...new Set([
    ...contactWords,
    ...institutionWordsAfter,
    ...legalWordsBefore,
    'partner',
    'partners',
    'partnership',
  ]),
];
/** Every whole-word occurrence of a word some rule reads, in one pass. */
const RULE_WORD_PATTERN = new RegExp(
  String.raw`(?<![a-z0-9-])(?:${RULE_WORDS.sort((a, b) => b.length - a.length).join('|')})(?![a-z0-9-])`,
  'g',
);

/** Where the next word starts after `index` on the same line, or -1. */
function nextWordStart(lower: string, index: number): number {
  for (let at = index; at < lower.length && at < index + 8; at++) {
    const code = lower.charCodeAt(at);
    if (isWordCode(code)) return at;
    if (code === 0x0a) return -1;
  }
  return -1;
}

/**
 * Where the previous word ends before `index` in the same sentence and line, or -1: "Azure. Office
 * hours" is no institution.
 */
function previousWordEnd(lower: string, index: number): number {
  for (let at = index; at > 0 && at > index - 8; at--) {
    const code = lower.charCodeAt(at - 1);
    if (isWordCode(code)) return at;
    if (code === 0x0a || endsSentence(lower, at - 1)) return -1;
  }
  return -1;
}

/** Where the badge words before a "partner" begin: up to three of them ("Premier Consulting Partner"). */
function badgeStart(lower: string, partnerStart: number): number {
  let start = partnerStart;
  for (let count = 0; count < 3; count++) {
    const end = previousWordEnd(lower, start);
    if (end < 0) break;
    let wordStart = end;
    while (wordStart > 0 && isWordCode(lower.charCodeAt(wordStart - 1))) wordStart--;
    if (!badgeWords.has(lower.slice(wordStart, end))) break;
    start = wordStart;
  }
  return start;
}

/** Flags the mentions whose end (or start) is one of `offsets`, sweeping both in text order. */
function flagAt(
  mentions: CandidateMention[],
  offsets: number[],
  side: 'start' | 'end',
  flags: Uint8Array,
): void {
  offsets.sort((a, b) => a - b);
  let at = 0;
  for (const offset of offsets) {
    if (offset < 0) continue;
    while (at < mentions.length && mentions[at]![side] < offset) at++;
    if (at < mentions.length && mentions[at]![side] === offset) flags[at] = 1;
  }
}

export function dropNonRequirements(clean: CleanText, mentions: CandidateMention[]): CandidateMention[] {
  if (mentions.length === 0) return mentions;
  const { lower } = clean;
  const kept = outside(
    outside(outside(mentions, linkSpans(lower)), companySentences(lower)),
    companySections(clean),
  );
  // The words that rule a mention out are rare: find them once and flag the mentions beside them.
  const flags = new Uint8Array(kept.length);
  const ends: number[] = [];
  const starts: number[] = [];
  for (const match of lower.matchAll(RULE_WORD_PATTERN)) {
    const word = match[0];
    if (legalWordsBefore.has(word)) starts.push(nextWordStart(lower, match.index + word.length));
    else if (word.startsWith('partner')) ends.push(previousWordEnd(lower, badgeStart(lower, match.index)));
    else ends.push(previousWordEnd(lower, match.index));
  }
  flagAt(kept, ends, 'end', flags);
  flagAt(kept, starts, 'start', flags);
  return kept.filter((mention, index) => {
    if (flags[index] === 1) return false;
    if (
      mention.term.kind === 'practice' &&
      isRole(wordsBefore(lower, mention.start), wordsAfter(lower, mention.end, 2))
    ) {
      return false;
    }
    return !isSentenceBreak(clean, mention);
  });
}
