import { effectiveQueryText, MAX_QUERY_LENGTH, MAX_QUERY_WORDS, type SearchVocabulary } from '../port.ts';
import { synonymGroups } from '../vocabulary.ts';
import { COLUMNS } from './schema.ts';
import {
  isPlaceholder,
  placeholderTerm,
  typoBudget,
  withinTypos,
  type TextAnalyzer,
} from './text-analyzer.ts';
import { groupExpression, phraseExpression, type Phrase, type WordGroup } from './word-groups.ts';

/**
 * The query planner: from the query text to the word groups FTS5 must match, as Meilisearch would
 * read the query. Every query word must match (`matchingStrategy: 'all'`) through any of its
 * alternatives: the word itself, every spelling of a skill it names and that skill's id term, the
 * indexed terms within the typo budget, and, for the last word of a query not ending in a space,
 * every term it begins. Pure: what the index holds comes in as `IndexedTerms`.
 */

const MAX_TYPO_CANDIDATES = 40;

export interface QueryPlan {
  /** The FTS5 expression of the whole query: every group must match. */
  match: string;
  /** Per query word (or skill spelling), its alternatives: all, and strict only. */
  groups: { all: WordGroup; strict: WordGroup }[];
  /** Whether leaving out typo and prefix alternatives makes another query (a second relevance tier). */
  hasLooseAlternatives: boolean;
  highlightTerms: Set<string>;
  highlightPrefix: string | null;
  /** Skills the query names, by any spelling or within its typo budget. */
  skillIds: string[];
}

interface QueryAlternative {
  phrase: Phrase;
  /** Matches without a typo or prefix: such hits rank first. */
  strict: boolean;
}

/** What the planner reads of the skill vocabulary, derived once per index. */
export interface QueryVocabulary {
  analyzer: TextAnalyzer;
  /** Per skill with several spellings: the phrase of each spelling and of its id term, and their terms. */
  skillExpansions: ReadonlyMap<string, { phrases: Phrase[]; terms: string[] }>;
  /** The terms of such a spelling, joined by spaces → the skills it spells. */
  skillsBySpelling: ReadonlyMap<string, string[]>;
  /** Most terms in one spelling: how many query words one synonym may span. */
  longestSpelling: number;
  /** Spellings of one plain term: typo candidates even where no posting holds them. */
  aliasTerms: ReadonlySet<string>;
  /** Every spelling of every skill, aliased or not → the skills it names: for ranking by attribute. */
  skillsNamed: ReadonlyMap<string, string[]>;
}

/** The terms FTS5 holds, where typo candidates come from. */
export interface IndexedTerms {
  terms: ReadonlySet<string>;
  termsByLength: ReadonlyMap<number, readonly string[]>;
}

export function createQueryVocabulary(vocabulary: SearchVocabulary, analyzer: TextAnalyzer): QueryVocabulary {
  const termsOf = (spelling: string) => analyzer.tokenize(spelling).map((t) => t.term);
  // Synonyms: every spelling of a skill (as its term sequence) leads to all spellings and the id term.
  const skillExpansions = new Map<string, { phrases: Phrase[]; terms: string[] }>();
  const skillsBySpelling = new Map<string, string[]>();
  let longestSpelling = 1;
  const aliasTerms = new Set<string>();
  for (const group of synonymGroups(vocabulary)) {
    const phrases: Phrase[] = [{ terms: [placeholderTerm('skill', group.skillId)], prefix: false }];
    const terms: string[] = [];
    for (const spelling of group.spellings) {
      const spellingTerms = termsOf(spelling);
      if (spellingTerms.length === 0) continue;
      phrases.push({ terms: spellingTerms, prefix: false });
      terms.push(...spellingTerms);
      const key = spellingTerms.join(' ');
      skillsBySpelling.set(key, [...(skillsBySpelling.get(key) ?? []), group.skillId]);
      longestSpelling = Math.max(longestSpelling, spellingTerms.length);
      if (spellingTerms.length === 1 && !isPlaceholder(spellingTerms[0]!)) aliasTerms.add(spellingTerms[0]!);
    }
    skillExpansions.set(group.skillId, { phrases, terms });
  }

  const skillsNamed = new Map<string, string[]>();
  for (const skill of vocabulary.skills) {
    for (const spelling of [skill.name, ...skill.aliases]) {
      const key = termsOf(spelling).join(' ');
      if (key) skillsNamed.set(key, [...new Set([...(skillsNamed.get(key) ?? []), skill.id])]);
    }
  }
  return { analyzer, skillExpansions, skillsBySpelling, longestSpelling, aliasTerms, skillsNamed };
}

/**
 * Terms within Meilisearch's typo budget of `word` (none under 5 characters, 1 from 5, 2 from 9, a
 * first-character typo costing two): indexed terms, and alias spellings no posting holds yet, those
 * of the nearest length first.
 */
function typoCandidates(word: string, vocabulary: QueryVocabulary, indexed: IndexedTerms): string[] {
  const budget = typoBudget(word);
  if (budget === 0) return [];
  const found: { term: string; lengthGap: number }[] = [];
  const consider = (term: string) => {
    if (term !== word && withinTypos(word, term, budget)) {
      found.push({ term, lengthGap: Math.abs(term.length - word.length) });
    }
  };
  for (let length = word.length - budget; length <= word.length + budget; length++) {
    for (const term of indexed.termsByLength.get(length) ?? []) consider(term);
  }
  for (const term of vocabulary.aliasTerms) if (!indexed.terms.has(term)) consider(term);
  found.sort((a, b) => a.lengthGap - b.lengthGap || (a.term < b.term ? -1 : 1));
  return found.slice(0, MAX_TYPO_CANDIDATES).map((f) => f.term);
}

/** The group of a word's alternatives, without the phrases a prefix alternative already finds. */
function groupOf(alternatives: QueryAlternative[]): WordGroup {
  const byExpression = new Map(alternatives.map((a) => [phraseExpression(a.phrase), a.phrase]));
  // A phrase whose first term begins with a prefix alternative finds no row the prefix does not
  // ("engineers" beside "engineer"*), and each alternative costs FTS5 a doclist.
  const stems = [...byExpression.values()].filter((p) => p.prefix && p.terms.length === 1);
  const phrases = [...byExpression.values()].filter(
    (p) => !stems.some((stem) => stem !== p && p.terms[0]!.startsWith(stem.terms[0]!)),
  );
  return { phrases, column: null };
}

/** The plan of a query, or null for a blank one (browsing). */
export function planQuery(q: string, vocabulary: QueryVocabulary, indexed: IndexedTerms): QueryPlan | null {
  const { analyzer, skillExpansions, skillsBySpelling, longestSpelling, skillsNamed } = vocabulary;
  const raw = q.slice(0, MAX_QUERY_LENGTH);
  const tokens = analyzer.tokenize(effectiveQueryText(q)).slice(0, MAX_QUERY_WORDS);
  if (tokens.length === 0) return null;
  const prefixLastWord = !/\s$/.test(raw);
  const highlightTerms = new Set<string>();
  let highlightPrefix: string | null = null;
  const skillIds = new Set<string>();
  const groups: QueryAlternative[][] = [];

  const addSynonyms = (key: string, strict: boolean, into: QueryAlternative[]) => {
    for (const skillId of skillsNamed.get(key) ?? []) skillIds.add(skillId);
    for (const skillId of skillsBySpelling.get(key) ?? []) {
      const expansion = skillExpansions.get(skillId)!;
      for (const phrase of expansion.phrases) into.push({ phrase, strict });
      for (const term of expansion.terms) highlightTerms.add(term);
    }
  };
  const spellingAt = (start: number, width: number) =>
    tokens
      .slice(start, start + width)
      .map((t) => t.term)
      .join(' ');

  for (let i = 0; i < tokens.length;) {
    // The longest run of words from here that spells a skill is one group ("continuous integration").
    let width = Math.min(longestSpelling, tokens.length - i);
    while (width > 1 && !skillsBySpelling.has(spellingAt(i, width))) width--;
    const terms = tokens.slice(i, i + width).map((t) => t.term);
    const alternatives: QueryAlternative[] = [{ phrase: { terms, prefix: false }, strict: true }];
    for (const term of terms) highlightTerms.add(term);
    addSynonyms(terms.join(' '), true, alternatives);
    const term = terms[0]!;
    if (width === 1 && !isPlaceholder(term)) {
      const isLast = i + width === tokens.length;
      if (isLast && prefixLastWord) {
        alternatives.push({ phrase: { terms: [term], prefix: true }, strict: false });
        highlightPrefix = term;
      }
      for (const candidate of typoCandidates(term, vocabulary, indexed)) {
        alternatives.push({ phrase: { terms: [candidate], prefix: false }, strict: false });
        highlightTerms.add(candidate);
        addSynonyms(candidate, false, alternatives);
      }
    }
    groups.push(alternatives);
    i += width;
  }

  const planGroups = groups.map((alternatives) => ({
    all: groupOf(alternatives),
    strict: groupOf(alternatives.filter((a) => a.strict)),
  }));
  const expressionOf = (onlyStrict: boolean) =>
    [
      ...new Set(planGroups.map((group) => groupExpression(onlyStrict ? group.strict : group.all, COLUMNS))),
    ].join(' AND ');
  const match = expressionOf(false);
  return {
    match,
    groups: planGroups,
    hasLooseAlternatives: expressionOf(true) !== match,
    highlightTerms,
    highlightPrefix,
    skillIds: [...skillIds],
  };
}
