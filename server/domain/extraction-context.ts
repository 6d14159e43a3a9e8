/**
 * The context rules for ambiguous names (Go, Rust, Swift, R, C, Spring, …): a cue word around them, or a
 * place in a list with other skills, confirms them; "C-level", "go-to" and "Spring 2025" never count.
 */
import type { CleanText } from './extraction-clean-text.ts';
import { type CandidateMention, HYPHEN } from './extraction-mentions.ts';
import {
  cuesAfter,
  cuesBefore,
  cuesBeforePreposition,
  listConnectors,
  prepositions,
} from './extraction-words.ts';

/**
 * No context word is longer than this (a year has 4 digits). Reading one character more is enough to
 * tell that a longer run of letters is no context word, and the bound keeps extraction linear: without
 * it, a text like "Go-1-Go-1-…" had every name read the whole run on both sides.
 */
const CONTEXT_WORD_LIMIT =
  1 +
  Math.max(
    4,
    ...[...cuesBefore, ...cuesBeforePreposition, ...prepositions, ...cuesAfter].map((word) => word.length),
  );

/** The word ending before `index` (after spaces and tabs); cut at CONTEXT_WORD_LIMIT characters. */
function wordBefore(lower: string, index: number): { word: string; start: number } {
  let end = index;
  while (end > 0 && (lower.charCodeAt(end - 1) === 0x20 || lower.charCodeAt(end - 1) === 0x09)) end--;
  let start = end;
  const limit = Math.max(0, end - CONTEXT_WORD_LIMIT);
  while (start > limit && /[a-z0-9-]/.test(lower.charAt(start - 1))) start--;
  return { word: lower.slice(start, end), start };
}

/** The word starting at `index` (after spaces and tabs); cut at CONTEXT_WORD_LIMIT characters. */
function wordAfter(lower: string, index: number): string {
  let start = index;
  while (start < lower.length && (lower.charCodeAt(start) === 0x20 || lower.charCodeAt(start) === 0x09))
    start++;
  let end = start;
  const limit = Math.min(lower.length, start + CONTEXT_WORD_LIMIT);
  while (end < limit && /[a-z0-9-]/.test(lower.charAt(end))) end++;
  return lower.slice(start, end);
}

function hasCue(clean: CleanText, candidate: CandidateMention): boolean {
  const { lower } = clean;
  const before = wordBefore(lower, candidate.start);
  if (cuesBefore.has(before.word)) return true;
  if (prepositions.has(before.word) && cuesBeforePreposition.has(wordBefore(lower, before.start).word))
    return true;
  return cuesAfter.has(wordAfter(lower, candidate.end));
}

/** Never the technology: "C-level", "go-to", "Spring 2025". */
function isRuledOut(clean: CleanText, candidate: CandidateMention): boolean {
  const { lower } = clean;
  if (lower.charCodeAt(candidate.end) === HYPHEN && /[a-z]/.test(lower.charAt(candidate.end + 1)))
    return true;
  return /^(?:19|20)\d\d$/.test(wordAfter(lower, candidate.end));
}

const listGap = new RegExp(
  String.raw`^(?:[\s,;/|&+()]|${listConnectors.map((word) => String.raw`${word}\b`).join('|')})*$`,
);
const MAX_LIST_GAP = 24;

/** Two mentions sit in one list ("Python, Go and Rust", "docker go rust"). */
export function inOneList(clean: CleanText, left: CandidateMention, right: CandidateMention): boolean {
  if (right.start - left.end > MAX_LIST_GAP) return false;
  return listGap.test(clean.lower.slice(left.end, right.start));
}

/** After a lower-cased ambiguous word, a list must go on or end ("go rust", "go,") — not "go live". */
function endsListItem(
  clean: CleanText,
  candidate: CandidateMention,
  next: CandidateMention | undefined,
): boolean {
  if (next && inOneList(clean, candidate, next)) return true;
  const rest = clean.lower.slice(candidate.end, candidate.end + 4);
  return /^[ \t]*(?:$|[\r\n,;/|).])/.test(rest);
}

function confirmByList(
  clean: CleanText,
  candidates: CandidateMention[],
  index: number,
  neighbour: number,
): boolean {
  const candidate = candidates[index] as CandidateMention;
  const other = candidates[neighbour];
  if (!other?.confirmed) return false;
  const adjacent =
    neighbour < index ? inOneList(clean, other, candidate) : inOneList(clean, candidate, other);
  return adjacent && (candidate.canonicalCase || endsListItem(clean, candidate, candidates[index + 1]));
}

function vouchesInList(candidate: CandidateMention): boolean {
  return candidate.term.ambiguous && candidate.canonicalCase && !candidate.ruledOut;
}

/** Ambiguous words count only with context: a cue word around them, or a place in a list of skills. */
export function confirmAmbiguous(clean: CleanText, candidates: CandidateMention[]): CandidateMention[] {
  for (const candidate of candidates) {
    if (candidate.confirmed) continue;
    if (isRuledOut(clean, candidate)) candidate.ruledOut = true;
    else if (candidate.canonicalCase && hasCue(clean, candidate)) candidate.confirmed = true;
  }
  // Two capitalised ambiguous names listed together ("Chef and Puppet") vouch for each other.
  for (let index = 1; index < candidates.length; index++) {
    const left = candidates[index - 1] as CandidateMention;
    const right = candidates[index] as CandidateMention;
    if (
      vouchesInList(left) &&
      vouchesInList(right) &&
      inOneList(clean, left, right) &&
      /[,/&]|and|or/.test(clean.lower.slice(left.end, right.start))
    ) {
      left.confirmed = true;
      right.confirmed = true;
    }
  }
  // One pass each way lets a list borrow confidence from a confirmed neighbour on either side.
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index] as CandidateMention;
    if (!candidate.confirmed && !candidate.ruledOut && confirmByList(clean, candidates, index, index - 1)) {
      candidate.confirmed = true;
    }
  }
  for (let index = candidates.length - 1; index >= 0; index--) {
    const candidate = candidates[index] as CandidateMention;
    if (!candidate.confirmed && !candidate.ruledOut && confirmByList(clean, candidates, index, index + 1)) {
      candidate.confirmed = true;
    }
  }
  return candidates.filter((candidate) => candidate.confirmed);
}
