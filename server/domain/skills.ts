import type { SkillRef } from './skill-ref.ts';
import { allSkills, findSkillId, getSkill, normalizeSkillName } from './taxonomy.ts';

export const CUSTOM_SKILL_PREFIX = 'custom:';

/**
 * The canonical `{ id, name }` for any name or alias in any casing ("postgres", "K8S", "nodejs").
 * Unknown names are kept as free-text skills, `custom:` plus a slug, so two people who type the same
 * unknown skill still match each other exactly.
 */
export function resolveSkill(input: string): SkillRef {
  const id = findSkillId(input);
  const skill = id === undefined ? undefined : getSkill(id);
  if (skill) return { id: skill.id, name: skill.name };
  const name = input.trim().replace(/\s+/g, ' ');
  return { id: CUSTOM_SKILL_PREFIX + customSlug(name), name };
}

export function isCustomSkillId(id: string): boolean {
  return id.startsWith(CUSTOM_SKILL_PREFIX);
}

function customSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9#+.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface SuggestionTerm {
  skill: SkillRef;
  term: string;
  isName: boolean;
}

const suggestionTerms: readonly SuggestionTerm[] = allSkills().flatMap((skill) =>
  [skill.name, ...skill.aliases].map((term, index) => ({
    skill: { id: skill.id, name: skill.name },
    term: normalizeSkillName(term),
    isName: index === 0,
  })),
);

/** Lower is better: exact name or alias, name prefix, alias prefix, then a later word of either. */
function suggestionRank(entry: SuggestionTerm, query: string): number | undefined {
  if (entry.term === query) return 0;
  if (entry.term.startsWith(query)) return entry.isName ? 1 : 2;
  const wordStart = entry.term.indexOf(query);
  if (wordStart > 0 && /[\s./-]/.test(entry.term.charAt(wordStart - 1))) return 3;
  return undefined;
}

/**
 * Autocomplete: skills whose name or an alias starts with `query` (aliases find their canonical skill:
 * "k8" → Kubernetes), best first, each skill once. Ties go to the shorter, then alphabetical, name.
 */
export function suggestSkills(query: string, limit: number): SkillRef[] {
  const normalized = normalizeSkillName(query);
  if (normalized === '' || limit <= 0) return [];
  const bestRank = new Map<string, { skill: SkillRef; rank: number }>();
  for (const entry of suggestionTerms) {
    const rank = suggestionRank(entry, normalized);
    if (rank === undefined) continue;
    const current = bestRank.get(entry.skill.id);
    if (!current || rank < current.rank) bestRank.set(entry.skill.id, { skill: entry.skill, rank });
  }
  return [...bestRank.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.skill.name.length - b.skill.name.length ||
        a.skill.name.localeCompare(b.skill.name),
    )
    .slice(0, limit)
    .map((entry) => entry.skill);
}
