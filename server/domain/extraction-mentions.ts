/**
 * Finding candidate mentions: one left-to-right walk over a trie of every taxonomy name and alias, taking
 * the longest term at each word start. Work per character is bounded by the longest alias.
 */
import type { SkillRef } from './skill-ref.ts';
import type { CleanText } from './extraction-clean-text.ts';
import { type SkillKind, allSkills, skillKind } from './taxonomy.ts';

const SPACE = 0x20;
export const HYPHEN = 0x2d;

const nonAsciiWordChar = /[\p{L}\p{N}]/u;

/** Letters, digits and underscore: a term neither starts nor ends inside a run of them. */
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

/** Punctuation inside names that tokenised text spaces out: ". NET", "C #", "Node . js", "CI / CD". */
function isNamePunctuation(code: number): boolean {
  return code === 0x2e || code === 0x23 || code === 0x2b || code === 0x2f;
}

function isAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
}

export interface TermInfo {
  skill: SkillRef;
  /** The skill's kind, read once when the trie is built. */
  kind: SkillKind;
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
    const kind = skillKind(skill);
    const plainWords = new Set((skill.plainWords ?? []).map((word) => word.toLowerCase()));
    for (const form of [skill.name, ...skill.aliases]) {
      if (plainWords.has(form.toLowerCase())) continue;
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
        kind,
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

export interface CandidateMention {
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

/** A space with name punctuation just before it or within the next two characters. */
function nearNamePunctuation(lower: string, index: number): boolean {
  return (
    isNamePunctuation(lower.charCodeAt(index + 1)) ||
    isNamePunctuation(lower.charCodeAt(index - 1)) ||
    (lower.charCodeAt(index + 1) === 0x20 && isNamePunctuation(lower.charCodeAt(index + 2)))
  );
}

/** At most this many spaces may stand beside such punctuation, which keeps the walk bounded. */
const MAX_PUNCTUATION_SPACES = 2;

/**
 * Where the walk may go on after spaces at `index`: before punctuation the name continues with
 * (". NET", "C #"), or after punctuation it just read ("Node . js"). -1 when it may not.
 */
function pastSpacedPunctuation(lower: string, index: number, node: TrieNode, start: number): number {
  let after = index;
  while (after < lower.length && after - index < MAX_PUNCTUATION_SPACES && lower.charCodeAt(after) === 0x20) {
    after++;
  }
  if (after === index || after >= lower.length) return -1;
  const next = lower.charCodeAt(after);
  if (!childOf(node, next)) return -1;
  if (isNamePunctuation(next)) return after;
  return index > start && isNamePunctuation(lower.charCodeAt(index - 1)) ? after : -1;
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
    const spacedTo =
      code === 0x20 && nearNamePunctuation(lower, index)
        ? pastSpacedPunctuation(lower, index, node, start)
        : -1;
    if (spacedTo >= 0) {
      index = spacedTo;
      continue;
    }
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

export function findCandidateMentions(clean: CleanText): CandidateMention[] {
  const candidates: CandidateMention[] = [];
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
