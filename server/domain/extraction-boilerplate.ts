/**
 * Mentions that name a skill but ask for none: roles and teams ("DevOps engineer"), contact links
 * ("github.com/…", "a GitHub profile"), legal notices ("work authorization"), institutions ("Data
 * Protection Office"), partner badges ("an AWS Premier Consulting Partner") and sentences about the
 * company ("<company> is a leader in big data and machine learning"). Each rule reads a few words
 * around the mention or its sentence, so the pass stays linear.
 */
import type { CleanText } from './extraction-clean-text.ts';
import type { CandidateMention } from './extraction-mentions.ts';
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
import { getSkill, skillKind } from './taxonomy.ts';

/** Links and addresses: a scheme or www, an e-mail, or a host name ending in a common domain. */
const LINK =
  /(?:https?:\/\/|www\.)[^\s)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?: ?\. ?[\w-]+)*? ?\. ?(?:com|io|org|dev|co|ai|app|me|info|de|uk)\b(?:\/[^\s)]*)?/g;

function linkSpans(lower: string): { start: number; end: number }[] {
  return [...lower.matchAll(LINK)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

const WORD_LIMIT = 24;

/** The next `count` words after `index`, lower case, cut short at a sentence end or line break. */
function wordsAfter(lower: string, index: number, count: number): string[] {
  const slice = lower.slice(index, index + count * WORD_LIMIT);
  const stop = slice.search(/[\n.;!?]\s/);
  return (stop >= 0 ? slice.slice(0, stop) : slice)
    .split(/[^a-z0-9-]+/)
    .filter((word) => word !== '')
    .slice(0, count);
}

/** The one or two words before `index` on its line, lower case ("work", "as an"). */
function wordsBefore(lower: string, index: number): { one: string; two: string } {
  const slice = lower.slice(Math.max(0, index - WORD_LIMIT), index);
  const match = /(?:([a-z0-9-]+)[^a-z0-9\n]+)?([a-z0-9-]+)[^a-z0-9\n]*$/.exec(slice);
  const one = match?.[2] ?? '';
  return { one, two: match?.[1] === undefined ? one : `${match[1]} ${one}` };
}

function isPractice(mention: CandidateMention): boolean {
  const skill = getSkill(mention.term.skill.id);
  return skill !== undefined && skillKind(skill) === 'practice';
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

/** "AWS Premier Consulting Partner": up to three badge words, ending in partner(s). */
function isBadge(after: string[]): boolean {
  for (const word of after.slice(0, 4)) {
    if (word === 'partner' || word === 'partners' || word === 'partnership') return true;
    if (!badgeWords.has(word)) return false;
  }
  return false;
}

/** ". Net income": a spaced ".NET" in title case that opens an ordinary sentence. */
function isSentenceBreak(clean: CleanText, mention: CandidateMention): boolean {
  const text = clean.text.slice(mention.start, mention.end);
  if (!/^\. [A-Z][a-z]/.test(text)) return false;
  const next = wordsAfter(clean.lower, mention.end, 1)[0];
  return next !== undefined && /^[a-z]/.test(clean.text.slice(mention.end).trimStart()) && next.length > 2;
}

const SENTENCE_END = /[.!?]\s|\n/g;

/** Sentences about the company that do not speak to the candidate, as [start, end) spans. */
function companySentences(lower: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  const ends = [...lower.matchAll(SENTENCE_END)].map((match) => match.index + 1);
  ends.push(lower.length);
  for (const end of ends) {
    const sentence = lower.slice(start, end).replace(/^[\s*•\-–]+/, '');
    if (
      companySubjects.some((subject) => sentence.startsWith(subject)) &&
      !candidateWords.some((word) => new RegExp(`\\b${word}\\b`).test(sentence))
    ) {
      spans.push({ start, end });
    }
    start = end;
  }
  return spans;
}

function inside(spans: { start: number; end: number }[], mention: CandidateMention): boolean {
  return spans.some((span) => mention.start < span.end && span.start < mention.end);
}

export function dropNonRequirements(clean: CleanText, mentions: CandidateMention[]): CandidateMention[] {
  if (mentions.length === 0) return mentions;
  const { lower } = clean;
  const links = linkSpans(lower);
  const company = companySentences(lower);
  return mentions.filter((mention) => {
    if (inside(links, mention) || inside(company, mention)) return false;
    const after = wordsAfter(lower, mention.end, 4);
    const before = wordsBefore(lower, mention.start);
    if (isPractice(mention) && isRole(before, after)) return false;
    if (after[0] !== undefined && (contactWords.has(after[0]) || institutionWordsAfter.has(after[0])))
      return false;
    if (legalWordsBefore.has(before.one)) return false;
    if (isBadge(after)) return false;
    return !isSentenceBreak(clean, mention);
  });
}
