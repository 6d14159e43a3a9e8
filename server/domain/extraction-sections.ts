/**
 * Sections about the company or its benefits ("About us", "What we offer", "Company description:"):
 * their mentions describe the employer, not the job, so they are skipped until a heading opens a
 * section about the role again ("Requirements", "Your profile", "Tech stack"). A heading is a short
 * line of its own — optionally a markdown heading (`## About us`, `**Benefits**`) or ending in ':' —
 * a label opening its line ("Benefits: …"), or, where a posting's lines were joined, an inline label
 * written with a capital: multi-word company labels need a colon ("… Company description: …"), while
 * role labels count with or without one, since reading one too many only keeps more mentions. One
 * pass over the lines and one regex pass per kind of label keep it linear.
 */
import type { CleanText } from './extraction-clean-text.ts';
import { companySectionHeadings, roleSectionHeadings, roleWordsAfterAbout } from './extraction-words.ts';

export interface Span {
  start: number;
  end: number;
}

type HeadingKind = 'company' | 'role';

interface Heading {
  at: number;
  /** Where the heading's own words end: a role word inside them ("Company Description") is no heading. */
  end: number;
  kind: HeadingKind;
}

/** A heading's words in one spelling: lower case, "’" as "'", "you 'll" closed up, single spaces. */
function normalizeLabel(label: string): string {
  return label.replace(/[’‘`]/g, "'").replace(/\s+'/g, "'").replace(/\s+/g, ' ').trim();
}

const COMPANY = new Set(companySectionHeadings.map(normalizeLabel));
const ROLE = new Set(roleSectionHeadings.map(normalizeLabel));
/** Longest label, in characters: a longer line is no heading. */
const LONGEST = Math.max(...[...COMPANY, ...ROLE].map((label) => label.length)) + 12;

function headingKind(label: string): HeadingKind | undefined {
  const normalized = normalizeLabel(label);
  if (ROLE.has(normalized)) return 'role';
  if (COMPANY.has(normalized)) return 'company';
  // "About Acme", "About <ORGANIZATION>": a short line about the company, unless it is about the job or
  // the candidate ("About this role", "About your team").
  if (/^about \S+(?: \S+){0,2}$/.test(normalized)) {
    const about = normalized.split(' ').slice(1);
    return about.some((word) => roleWordsAfterAbout.has(word)) ? 'role' : 'company';
  }
  return undefined;
}

/** Markdown and list marks around a heading line: `## `, `**`, `__`, a trailing ':', '?' or ' -'. */
const LEADING_MARKS = /^[\s#*_>]+/;
const TRAILING_MARKS = /[\s*_:?\-–]+$/;

/** Headings that stand at the start of a line: the whole line, or the label before its first ':'. */
function lineHeadings(lower: string): Heading[] {
  const headings: Heading[] = [];
  let start = 0;
  while (start <= lower.length) {
    let end = lower.indexOf('\n', start);
    if (end < 0) end = lower.length;
    const line = lower.slice(start, Math.min(end, start + LONGEST + 1));
    let kind: HeadingKind | undefined;
    let labelEnd = end;
    if (end - start <= LONGEST) {
      kind = headingKind(line.replace(LEADING_MARKS, '').replace(TRAILING_MARKS, ''));
    }
    if (kind === undefined) {
      const colon = line.indexOf(':');
      if (colon > 0) kind = headingKind(line.slice(0, colon).replace(LEADING_MARKS, ''));
      labelEnd = start + colon;
    }
    if (kind !== undefined) headings.push({ at: start, end: labelEnd, kind });
    start = end + 1;
  }
  return headings;
}

function labelPattern(labels: Iterable<string>, suffix: string): RegExp {
  const alternatives = [...labels]
    .sort((a, b) => b.length - a.length)
    .map((label) =>
      label
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/'/g, String.raw`\s?['’]`)
        .replace(/ /g, String.raw`\s+`),
    );
  return new RegExp(
    String.raw`(?<![\p{L}\p{N}_'’-])(?:${alternatives.join('|')})(?![\p{L}\p{N}_'’-])${suffix}`,
    'gu',
  );
}

/**
 * Inline company labels need two words or more and a colon or question mark ("Company description:",
 * "Why join us?").
 */
const INLINE_COMPANY = labelPattern(
  [...COMPANY].filter((label) => label.includes(' ')),
  String.raw`[ \t]*[:?]`,
);
const INLINE_ROLE = labelPattern(ROLE, '');

function isCapital(text: string, at: number): boolean {
  const char = text.charAt(at);
  return char !== char.toLowerCase();
}

/** Labels inside a line, written with a capital ("… diverse team Benefits …" is not one: no colon). */
function inlineHeadings(clean: CleanText, pattern: RegExp, kind: HeadingKind): Heading[] {
  const headings: Heading[] = [];
  for (const match of clean.lower.matchAll(pattern)) {
    if (isCapital(clean.text, match.index)) {
      headings.push({ at: match.index, end: match.index + match[0].length, kind });
    }
  }
  return headings;
}

/** The spans of `clean` that sit in a section about the company or its benefits, in text order. */
export function companySections(clean: CleanText): Span[] {
  const headings = [
    ...lineHeadings(clean.lower),
    ...inlineHeadings(clean, INLINE_COMPANY, 'company'),
    ...inlineHeadings(clean, INLINE_ROLE, 'role'),
  ].sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'role' ? -1 : 1));
  const spans: Span[] = [];
  let openedAt = -1;
  let labelEnd = -1;
  for (const heading of headings) {
    if (heading.kind === 'company') {
      if (openedAt < 0) openedAt = heading.at;
      labelEnd = Math.max(labelEnd, heading.end);
    } else if (openedAt >= 0 && heading.at >= labelEnd) {
      spans.push({ start: openedAt, end: heading.at });
      openedAt = -1;
    }
  }
  if (openedAt >= 0) spans.push({ start: openedAt, end: clean.text.length });
  return spans;
}
