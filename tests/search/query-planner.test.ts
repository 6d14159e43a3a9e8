import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from '../../server/adapters/search/port.ts';
import { contractVocabulary } from '../../server/adapters/search/search-index.contract.ts';
import {
  createQueryVocabulary,
  planQuery,
  type IndexedTerms,
  type QueryPlan,
} from '../../server/adapters/search/sqlite-fts/query-planner.ts';
import {
  createTextAnalyzer,
  placeholderTerm,
} from '../../server/adapters/search/sqlite-fts/text-analyzer.ts';
import { phraseExpression } from '../../server/adapters/search/sqlite-fts/word-groups.ts';

const vocabulary = createQueryVocabulary(contractVocabulary(), createTextAnalyzer(contractVocabulary()));

/** The terms of an index holding `terms`, as the engine's cache keeps them. */
function indexedTerms(terms: readonly string[]): IndexedTerms {
  const termsByLength = new Map<number, string[]>();
  for (const term of terms) termsByLength.set(term.length, [...(termsByLength.get(term.length) ?? []), term]);
  return { terms: new Set(terms), termsByLength };
}

function plan(q: string, indexed: readonly string[] = []): QueryPlan {
  const planned = planQuery(q, vocabulary, indexedTerms(indexed));
  if (!planned) throw new Error(`no plan for "${q}"`);
  return planned;
}

/** Each query word's alternatives as FTS5 phrases: all of them, or the strict ones only. */
function alternatives(planned: QueryPlan, which: 'all' | 'strict' = 'all'): string[][] {
  return planned.groups.map((group) => group[which].phrases.map(phraseExpression));
}

/** The typo candidates of a one-word query ending in a space (so without a prefix alternative). */
function typosOf(word: string, indexed: readonly string[]): string[] {
  return alternatives(plan(`${word} `, indexed))[0]!.filter((phrase) => phrase !== `"${word}"`);
}

const skillTerm = (id: string) => `"${placeholderTerm('skill', id)}"`;
const wordTerm = (word: string) => `"${placeholderTerm('word', word)}"`;

describe('query planner', () => {
  it('plans nothing for a blank query: browsing', () => {
    expect(planQuery('', vocabulary, indexedTerms([]))).toBeNull();
    expect(planQuery('  \t ', vocabulary, indexedTerms([]))).toBeNull();
    expect(planQuery('— !', vocabulary, indexedTerms([]))).toBeNull();
  });

  it('makes every word a group that must match', () => {
    const planned = plan('rust engineer ');
    expect(alternatives(planned)).toEqual([['"rust"'], ['"engineer"']]);
    expect(planned.match).toBe('("rust") AND ("engineer")');
    expect(planned.hasLooseAlternatives).toBe(false);
    // A repeated word asks FTS5 once.
    expect(plan('rust rust ').match).toBe('("rust")');
  });

  describe('typo candidates, by Meilisearch’s rules', () => {
    it('allows none under 5 characters', () => {
      expect(typosOf('rusk', ['rust', 'rusks'])).toEqual([]);
    });

    it('allows one from 5 characters and two from 9', () => {
      expect(typosOf('scala', ['scale', 'scalar', 'scxlx'])).toEqual(['"scale"', '"scalar"']);
      expect(typosOf('engineer', ['enginer', 'enginexx'])).toEqual(['"enginer"']);
      // Nearest in length first.
      expect(typosOf('databases', ['database', 'databaxxs', 'dxtxbxses'])).toEqual([
        '"databaxxs"',
        '"database"',
      ]);
    });

    it('counts a transposition as one typo and a typo on the first character as two', () => {
      expect(typosOf('sacla', ['scala'])).toEqual(['"scala"']);
      expect(typosOf('scala', ['ccala'])).toEqual([]);
      expect(typosOf('databases', ['xatabases'])).toEqual(['"xatabases"']);
    });

    it('takes the 40 nearest in length, then alphabetically', () => {
      // 84 terms one substitution from "abcde", and one a letter longer that they push out.
      const sameLength = [1, 2, 3, 4].flatMap((position) =>
        [...'fghijklmnopqrstuvwxyz'].map(
          (letter) => 'abcde'.slice(0, position) + letter + 'abcde'.slice(position + 1),
        ),
      );
      const typos = typosOf('abcde', ['abcdef', ...sameLength]);
      expect(typos).toHaveLength(40);
      expect(typos).toEqual(
        [...sameLength]
          .sort()
          .slice(0, 40)
          .map((term) => `"${term}"`),
      );
    });

    it('reaches skill aliases no posting holds yet, with their synonyms', () => {
      const planned = plan('golnag ');
      expect(alternatives(planned)[0]).toEqual(['"golnag"', '"golang"', skillTerm('go'), '"go"']);
      expect(planned.skillIds).toEqual(['go']);
      expect([...planned.highlightTerms].sort()).toEqual(['go', 'golang', 'golnag']);
    });

    it('ranks typo matches in a tier below: they are not strict alternatives', () => {
      const planned = plan('scala ', ['scale']);
      expect(alternatives(planned, 'strict')).toEqual([['"scala"']]);
      expect(planned.hasLooseAlternatives).toBe(true);
      expect(planned.highlightTerms).toEqual(new Set(['scala', 'scale']));
    });
  });

  describe('prefix on the last word', () => {
    it('lets the last word begin a term unless the query ends in a space', () => {
      const typing = plan('senior eng');
      // The prefix finds the word itself too.
      expect(alternatives(typing)).toEqual([['"senior"'], ['"eng"*']]);
      expect(alternatives(typing, 'strict')).toEqual([['"senior"'], ['"eng"']]);
      expect(typing.highlightPrefix).toBe('eng');
      expect(typing.hasLooseAlternatives).toBe(true);

      const typed = plan('senior eng ');
      expect(alternatives(typed)).toEqual([['"senior"'], ['"eng"']]);
      expect(typed.highlightPrefix).toBeNull();
    });

    it('drops the alternatives the prefix already finds', () => {
      const planned = plan('engineer', ['engineers']);
      expect(alternatives(planned)).toEqual([['"engineer"*']]);
      expect(alternatives(planned, 'strict')).toEqual([['"engineer"']]);
    });

    it('never applies to a technology word', () => {
      const planned = plan('c#');
      expect(alternatives(planned)).toEqual([[wordTerm('c#'), skillTerm('csharp'), '"csharp"']]);
      expect(planned.highlightPrefix).toBeNull();
      expect(planned.hasLooseAlternatives).toBe(false);
    });
  });

  describe('synonyms', () => {
    it('expands an alias to every spelling of its skill and the skill’s id term, all strict', () => {
      const planned = plan('k8s ');
      expect(alternatives(planned)).toEqual([['"k8s"', skillTerm('kubernetes'), '"kubernetes"']]);
      expect(alternatives(planned, 'strict')).toEqual(alternatives(planned));
      expect(planned.skillIds).toEqual(['kubernetes']);
      expect(planned.highlightTerms).toEqual(new Set(['k8s', 'kubernetes']));
    });

    it('reads the longest run of words that spells a skill as one group', () => {
      const planned = plan('continuous integration engineer ');
      expect(alternatives(planned)).toEqual([
        ['"continuous integration"', skillTerm('ci-cd'), wordTerm('ci/cd')],
        ['"engineer"'],
      ]);
      expect(planned.skillIds).toEqual(['ci-cd']);
    });

    it('names a skill of one spelling for ranking, without alternatives', () => {
      const planned = plan('rust ');
      expect(alternatives(planned)).toEqual([['"rust"']]);
      expect(planned.skillIds).toEqual(['rust']);
    });
  });

  describe('word limits', () => {
    it(`reads only the first ${MAX_QUERY_WORDS} words`, () => {
      const words = Array.from({ length: MAX_QUERY_WORDS + 2 }, (_, i) => `word${i}`);
      const planned = plan(`${words.join(' ')} `);
      expect(alternatives(planned).flat()).toEqual(words.slice(0, MAX_QUERY_WORDS).map((w) => `"${w}"`));
    });

    it(`reads only the first ${MAX_QUERY_LENGTH} characters, the prefix rule included`, () => {
      const planned = plan(`rust${' '.repeat(MAX_QUERY_LENGTH)}java`);
      expect(alternatives(planned)).toEqual([['"rust"']]);
      expect(planned.highlightPrefix).toBeNull();
    });
  });
});
