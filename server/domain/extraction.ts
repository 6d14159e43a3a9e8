import type { SkillRef } from './skill-ref.ts';
import { levelFromYears } from '../shared/levels.ts';
import {
  cuesAfter,
  cuesBefore,
  cuesBeforePreposition,
  listConnectors,
  numberWords,
  prepositions,
  yearsFillerWords,
} from './extraction-words.ts';
import { allSkills } from './taxonomy.ts';

/** One mention of a taxonomy skill in free text; offsets index the original, unstripped string. */
export interface ExtractedSkill {
  skill: SkillRef;
  start: number;
  end: number;
  text: string;
  /** Present when the text states years of use ("5+ years of Python"), mapped by `levelFromYears`. */
  level?: number;
}

interface TermInfo {
  skill: SkillRef;
  /** Needs context to count: the form is also an ordinary word ("go", "spring", "r"). */
  ambiguous: boolean;
  /** Matched only in exactly this casing ("REST"); for ambiguous forms, the casing that reads as the name. */
  exactForm: string | undefined;
  caseSensitive: boolean;
}

interface TrieNode {
  /** Children by character code: ASCII in an array (the hot path), anything else in a map. */
  ascii: (TrieNode | undefined)[];
  other: Map<number, TrieNode>;
  term: TermInfo | undefined;
}

const SPACE = 0x20;
const HYPHEN = 0x2d;

function newNode(): TrieNode {
  return { ascii: [], other: new Map(), term: undefined };
}

function childOf(node: TrieNode, code: number): TrieNode | undefined {
  return code < 128 ? node.ascii[code] : node.other.get(code);
}

function buildTrie(): TrieNode {
  const root = newNode();
  for (const skill of allSkills()) {
    const ref = { id: skill.id, name: skill.name };
    for (const form of [skill.name, ...skill.aliases]) {
      // A hyphen inside a name matches like a space ("spring-boot", "Spring Boot"), so both share one path.
      const pattern = form
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .replace(/(?<=[a-z0-9])-(?=[a-z0-9])/g, ' ');
      const ambiguousForm = skill.ambiguous?.find((entry) => entry.toLowerCase() === pattern);
      const caseSensitiveForm = skill.caseSensitive?.find((entry) => entry.toLowerCase() === pattern);
      let node = root;
      for (let index = 0; index < pattern.length; index++) {
        const code = pattern.charCodeAt(index);
        let child = childOf(node, code);
        if (!child) {
          child = newNode();
          if (code < 128) node.ascii[code] = child;
          else node.other.set(code, child);
        }
        node = child;
      }
      node.term = {
        skill: ref,
        ambiguous: ambiguousForm !== undefined,
        exactForm: caseSensitiveForm ?? ambiguousForm,
        caseSensitive: caseSensitiveForm !== undefined,
      };
    }
  }
  return root;
}

const trieRoot = buildTrie();
/** Character codes some term starts with, to skip everything else quickly. */
const startCodes = new Uint8Array(65536);
for (let code = 0; code < 128; code++) if (trieRoot.ascii[code]) startCodes[code] = 1;
for (const code of trieRoot.other.keys()) startCodes[code] = 1;

/**
 * Characters that render as nothing (zero-width, bidi controls, soft hyphen, Unicode tag characters).
 * They are removed before matching, so hidden text cannot add or split a skill.
 */
function isHiddenCode(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0xfeff
  );
}

interface CleanText {
  text: string;
  lower: string;
  /** Original index of each cleaned character; null when nothing was stripped. */
  originalIndex: Int32Array | null;
}

const anyHidden = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]|\udb40[\udc00-\udc7f]/;

function originalOffset(clean: CleanText, index: number): number {
  return clean.originalIndex === null ? index : (clean.originalIndex[index] as number);
}

function lowerCaseSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // A few characters change length when lower-cased; map them one by one to keep offsets aligned.
  return Array.from({ length: text.length }, (_, index) => {
    const folded = text.charAt(index).toLowerCase();
    return folded.length === 1 ? folded : text.charAt(index);
  }).join('');
}

function stripHidden(original: string): CleanText {
  if (!anyHidden.test(original))
    return { text: original, lower: lowerCaseSameLength(original), originalIndex: null };
  const kept: string[] = [];
  const originalIndex = new Int32Array(original.length);
  let length = 0;
  let runStart = 0;
  for (let index = 0; index < original.length; index++) {
    const code = original.charCodeAt(index);
    // Tag characters U+E0000–U+E007F arrive as the surrogate pair DB40 DC00–DC7F.
    const isTag = code === 0xdb40 && (original.charCodeAt(index + 1) & 0xff80) === 0xdc00;
    if (isTag || isHiddenCode(code)) {
      if (index > runStart) kept.push(original.slice(runStart, index));
      index += isTag ? 1 : 0;
      runStart = index + 1;
      continue;
    }
    originalIndex[length++] = index;
  }
  kept.push(original.slice(runStart));
  const text = kept.join('');
  return { text, lower: lowerCaseSameLength(text), originalIndex: originalIndex.subarray(0, length) };
}

const nonAsciiWordChar = /[\p{L}\p{N}]/u;

function isWordCode(code: number, text: string, index: number): boolean {
  if (code < 128) {
    return (
      (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95
    );
  }
  return nonAsciiWordChar.test(text.charAt(index));
}

function isSpaceCode(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x2002 || code === 0x2003
  );
}

function isAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
}

interface Candidate {
  term: TermInfo;
  start: number;
  end: number;
  confirmed: boolean;
  canonicalCase: boolean;
  ruledOut: boolean;
}

/** A term may start here: not inside a word, a dotted name ("example.net") or an identifier. */
function canStartAt(clean: CleanText, index: number): boolean {
  if (index === 0) return true;
  const previous = clean.lower.charCodeAt(index - 1);
  if (isWordCode(previous, clean.lower, index - 1)) return false;
  const current = clean.lower.charCodeAt(index);
  if (
    isAlnumCode(current) &&
    (previous === 0x2e || previous === 0x40 || previous === 0x23 || previous === 0x24)
  ) {
    return false;
  }
  return true;
}

/** The term may end here: the next character does not continue a word or a punctuated name. */
function canEndAt(clean: CleanText, end: number): boolean {
  if (end >= clean.lower.length) return true;
  const next = clean.lower.charCodeAt(end);
  const last = clean.lower.charCodeAt(end - 1);
  if (isWordCode(next, clean.lower, end)) return false;
  if (isAlnumCode(last) && (next === 0x23 || next === 0x2b)) return false;
  if (next === 0x2e && end + 1 < clean.lower.length && isAlnumCode(clean.lower.charCodeAt(end + 1))) {
    return false;
  }
  // "http://…" is a link, not a skill.
  return !(next === 0x3a && clean.lower.charCodeAt(end + 1) === 0x2f);
}

/** Longest taxonomy term starting at `start`, walking the trie; whitespace runs match one space. */
function longestTermAt(clean: CleanText, start: number): { term: TermInfo; end: number } | undefined {
  const { lower } = clean;
  let node: TrieNode | undefined = trieRoot;
  let index = start;
  let bestTerm: TermInfo | undefined;
  let bestEnd = start;
  while (node && index < lower.length) {
    const code = lower.charCodeAt(index);
    let child: TrieNode | undefined = childOf(node, code);
    if (child) {
      index++;
    } else if (isSpaceCode(code) || code === HYPHEN) {
      child = node.ascii[SPACE];
      if (!child) break;
      while (
        index < lower.length &&
        (isSpaceCode(lower.charCodeAt(index)) || lower.charCodeAt(index) === HYPHEN)
      ) {
        index++;
      }
    } else {
      break;
    }
    node = child;
    const term = node.term;
    if (term && canEndAt(clean, index)) {
      const exact = term.exactForm === undefined || clean.text.slice(start, index) === term.exactForm;
      if (!term.caseSensitive || exact) {
        bestTerm = term;
        bestEnd = index;
      }
    }
  }
  return bestTerm === undefined ? undefined : { term: bestTerm, end: bestEnd };
}

function wordBefore(lower: string, index: number): { word: string; start: number } {
  let end = index;
  while (end > 0 && (lower.charCodeAt(end - 1) === 0x20 || lower.charCodeAt(end - 1) === 0x09)) end--;
  let start = end;
  while (start > 0 && /[a-z0-9-]/.test(lower.charAt(start - 1))) start--;
  return { word: lower.slice(start, end), start };
}

function wordAfter(lower: string, index: number): string {
  let start = index;
  while (start < lower.length && (lower.charCodeAt(start) === 0x20 || lower.charCodeAt(start) === 0x09))
    start++;
  let end = start;
  while (end < lower.length && /[a-z0-9-]/.test(lower.charAt(end))) end++;
  return lower.slice(start, end);
}

function hasCue(clean: CleanText, candidate: Candidate): boolean {
  const { lower } = clean;
  const before = wordBefore(lower, candidate.start);
  if (cuesBefore.has(before.word)) return true;
  if (prepositions.has(before.word) && cuesBeforePreposition.has(wordBefore(lower, before.start).word))
    return true;
  return cuesAfter.has(wordAfter(lower, candidate.end));
}

/** Never the technology: "C-level", "go-to", "Spring 2025". */
function isRuledOut(clean: CleanText, candidate: Candidate): boolean {
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
function inOneList(clean: CleanText, left: Candidate, right: Candidate): boolean {
  if (right.start - left.end > MAX_LIST_GAP) return false;
  return listGap.test(clean.lower.slice(left.end, right.start));
}

/** After a lower-cased ambiguous word, a list must go on or end ("go rust", "go,") — not "go live". */
function endsListItem(clean: CleanText, candidate: Candidate, next: Candidate | undefined): boolean {
  if (next && inOneList(clean, candidate, next)) return true;
  const rest = clean.lower.slice(candidate.end, candidate.end + 4);
  return /^[ \t]*(?:$|[\r\n,;/|).])/.test(rest);
}

function confirmByList(clean: CleanText, candidates: Candidate[], index: number, neighbour: number): boolean {
  const candidate = candidates[index] as Candidate;
  const other = candidates[neighbour];
  if (!other?.confirmed) return false;
  const adjacent =
    neighbour < index ? inOneList(clean, other, candidate) : inOneList(clean, candidate, other);
  return adjacent && (candidate.canonicalCase || endsListItem(clean, candidate, candidates[index + 1]));
}

function findCandidates(clean: CleanText): Candidate[] {
  const candidates: Candidate[] = [];
  const length = clean.lower.length;
  let index = 0;
  const { lower } = clean;
  while (index < length) {
    const code = lower.charCodeAt(index);
    const match =
      startCodes[code] === 1 && canStartAt(clean, index) ? longestTermAt(clean, index) : undefined;
    if (!match) {
      // No term starts inside a word, so skip the rest of this one.
      index++;
      if (isWordCode(code, lower, index - 1)) {
        while (index < length && isWordCode(lower.charCodeAt(index), lower, index)) index++;
      }
      continue;
    }
    const { term, end } = match;
    const canonicalCase = term.exactForm === undefined || clean.text.slice(index, end) === term.exactForm;
    candidates.push({ term, start: index, end, confirmed: !term.ambiguous, canonicalCase, ruledOut: false });
    index = end;
  }
  return candidates;
}

function vouchesInList(candidate: Candidate): boolean {
  return candidate.term.ambiguous && candidate.canonicalCase && !candidate.ruledOut;
}

/** Ambiguous words count only with context: a cue word around them, or a place in a list of skills. */
function confirmAmbiguous(clean: CleanText, candidates: Candidate[]): Candidate[] {
  for (const candidate of candidates) {
    if (candidate.confirmed) continue;
    if (isRuledOut(clean, candidate)) candidate.ruledOut = true;
    else if (candidate.canonicalCase && hasCue(clean, candidate)) candidate.confirmed = true;
  }
  // Two capitalised ambiguous names listed together ("Chef and Puppet") vouch for each other.
  for (let index = 1; index < candidates.length; index++) {
    const left = candidates[index - 1] as Candidate;
    const right = candidates[index] as Candidate;
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
    const candidate = candidates[index] as Candidate;
    if (!candidate.confirmed && !candidate.ruledOut && confirmByList(clean, candidates, index, index - 1)) {
      candidate.confirmed = true;
    }
  }
  for (let index = candidates.length - 1; index >= 0; index--) {
    const candidate = candidates[index] as Candidate;
    if (!candidate.confirmed && !candidate.ruledOut && confirmByList(clean, candidates, index, index + 1)) {
      candidate.confirmed = true;
    }
  }
  return candidates.filter((candidate) => candidate.confirmed);
}

// No number word is a prefix of another today; longest first keeps it so if one ever is ("twenty-five").
const numberWordPattern = [...numberWords.keys()].sort((a, b) => b.length - a.length).join('|');
const yearsNumber = String.raw`(\d{1,2}(?:\.\d)?|${numberWordPattern})`;
const yearsPhrase = String.raw`${yearsNumber}\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b`;
/** "5+ years of Python", "3-5 years experience with Go": years stated before the skills they apply to. */
const yearsBeforeSkill = new RegExp(yearsPhrase, 'g');
/** "Python (5+ years)", "Java: 3 yrs": years stated right after a skill. */
const yearsAfterSkill = new RegExp(String.raw`[ \t]*[(:\-–,]?[ \t]*${yearsPhrase}`, 'y');

function parseYears(token: string): number {
  return numberWords.get(token) ?? Number.parseFloat(token);
}

function isFillerGap(gap: string): boolean {
  if (gap.length > 60 || /[^a-z\s,:-]/.test(gap)) return false;
  const words = gap.split(/[\s,:]+/).filter((word) => word !== '');
  return words.every((word) => yearsFillerWords.has(word));
}

/** Attaches stated years to the mentions they describe, as a level. */
function attachYears(clean: CleanText, mentions: Candidate[]): Map<Candidate, number> {
  const years = new Map<Candidate, number>();
  const { lower } = clean;
  // Years right after a skill belong to it, so they are not read again as years before the next one.
  const usedPhraseEnds = new Set<number>();
  for (const mention of mentions) {
    yearsAfterSkill.lastIndex = mention.end;
    const after = yearsAfterSkill.exec(lower);
    if (!after) continue;
    years.set(mention, parseYears(after[1] as string));
    usedPhraseEnds.add(mention.end + after[0].length);
  }
  let next = 0;
  for (const match of lower.matchAll(yearsBeforeSkill)) {
    const phraseEnd = (match.index ?? 0) + match[0].length;
    if (usedPhraseEnds.has(phraseEnd)) continue;
    while (next < mentions.length && (mentions[next] as Candidate).start < phraseEnd) next++;
    const first = mentions[next];
    if (!first || years.has(first) || !isFillerGap(lower.slice(phraseEnd, first.start))) continue;
    const value = parseYears(match[1] as string);
    years.set(first, value);
    for (let index = next + 1; index < mentions.length; index++) {
      const mention = mentions[index] as Candidate;
      if (years.has(mention) || !inOneList(clean, mentions[index - 1] as Candidate, mention)) break;
      years.set(mention, value);
    }
  }
  return years;
}

/**
 * Every taxonomy skill mentioned in `text`, in order, with offsets into the original string. Hidden
 * characters are stripped first; ambiguous words ("go", "spring", "R") need context to count. Runs in
 * time linear in the text length: one left-to-right trie walk bounded by the longest alias.
 */
export function extractSkills(text: string): ExtractedSkill[] {
  const clean = stripHidden(text);
  const mentions = confirmAmbiguous(clean, findCandidates(clean));
  const years = attachYears(clean, mentions);
  return mentions.map((mention) => {
    const start = originalOffset(clean, mention.start);
    const end = originalOffset(clean, mention.end - 1) + 1;
    const stated = years.get(mention);
    const extracted: ExtractedSkill = { skill: mention.term.skill, start, end, text: text.slice(start, end) };
    if (stated !== undefined) extracted.level = levelFromYears(stated);
    return extracted;
  });
}

/** Each extracted skill once, with the highest level stated for it: what a pasted CV offers to confirm. */
export function distinctExtractedSkills(
  mentions: readonly ExtractedSkill[],
): { skill: SkillRef; level?: number }[] {
  const bySkill = new Map<string, { skill: SkillRef; level?: number }>();
  for (const mention of mentions) {
    const current = bySkill.get(mention.skill.id) ?? { skill: mention.skill };
    if (mention.level !== undefined && (current.level === undefined || mention.level > current.level)) {
      current.level = mention.level;
    }
    bySkill.set(mention.skill.id, current);
  }
  return [...bySkill.values()];
}
