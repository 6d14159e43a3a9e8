import type { SearchVocabulary } from './port.ts';

/**
 * What both engines derive from the skill vocabulary: the technology spellings that must stay whole
 * ("C#", "C++", ".NET", "Node.js", "CI/CD") and the alias groups that are synonyms of each other.
 */

const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

function spellingsOf(skill: SearchVocabulary['skills'][number]): string[] {
  return [skill.name, ...skill.aliases]
    .map((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
    .filter(Boolean);
}

/** Whole names and aliases that hold a symbol ("asp.net core", "c#"), lower-cased, sorted, unique. */
export function technologyTerms(vocabulary: SearchVocabulary): string[] {
  const terms = new Set<string>();
  for (const skill of vocabulary.skills) {
    for (const spelling of spellingsOf(skill)) {
      if (spelling.split(' ').some((word) => !PLAIN_WORD.test(word))) terms.add(spelling);
    }
  }
  return [...terms].sort();
}

/** The single words of those terms that hold a symbol ("asp.net", "c#"): each must be one token. */
export function technologyWords(vocabulary: SearchVocabulary): string[] {
  const words = new Set<string>();
  for (const term of technologyTerms(vocabulary)) {
    for (const word of term.split(' ')) if (!PLAIN_WORD.test(word)) words.add(word);
  }
  return [...words].sort();
}

/** One group per skill with more than one spelling: the lower-cased name first, then its aliases. */
export function synonymGroups(vocabulary: SearchVocabulary): { skillId: string; spellings: string[] }[] {
  const groups: { skillId: string; spellings: string[] }[] = [];
  for (const skill of vocabulary.skills) {
    const spellings = [...new Set(spellingsOf(skill))];
    if (spellings.length > 1) groups.push({ skillId: skill.id, spellings });
  }
  return groups;
}
