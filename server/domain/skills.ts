import type { SkillRef } from './skill-ref.ts';
import { allSkills, compactSkillName, findSkillId, getSkill, normalizeSkillName } from './taxonomy.ts';

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
  compact: string;
  isName: boolean;
}

const suggestionTerms: readonly SuggestionTerm[] = allSkills().flatMap((skill) =>
  [skill.name, ...skill.aliases, ...(skill.pickerAliases ?? [])].map((term, index) => ({
    skill: { id: skill.id, name: skill.name },
    term: normalizeSkillName(term),
    compact: compactSkillName(term),
    isName: index === 0,
  })),
);

/** Meilisearch's rule: one typo from 5 characters, two from 9. */
export function typosAllowed(length: number): number {
  if (length >= 9) return 2;
  return length >= 5 ? 1 : 0;
}

/**
 * Edit distance counting an insertion, deletion, substitution or swap of neighbours as one typo
 * ("pyhton" → "python" is one), stopping early once it passes `limit`.
 */
export function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Lower is better: the exact name or alias (also written without spaces and dots: "type script",
 * "vue3"), a name prefix, an alias prefix, a later word of either; then the same with typos, fewer
 * typos first.
 */
function suggestionRank(entry: SuggestionTerm, query: string, compactQuery: string): number | undefined {
  if (entry.term === query || entry.compact === compactQuery) return 0;
  if (entry.term.startsWith(query) || entry.compact.startsWith(compactQuery)) return entry.isName ? 1 : 2;
  const wordStart = entry.term.indexOf(query);
  if (wordStart > 0 && /[\s./-]/.test(entry.term.charAt(wordStart - 1))) return 3;
  const allowed = typosAllowed(compactQuery.length);
  if (allowed === 0) return undefined;
  const whole = typoDistance(compactQuery, entry.compact, allowed);
  if (whole <= allowed) return 3 + whole * 2 - 1;
  // The query may be the start of the name, with its typos: "kubernat" for Kubernetes.
  const start = entry.compact.slice(0, compactQuery.length);
  if (entry.compact.length > compactQuery.length) {
    const prefix = typoDistance(compactQuery, start, allowed);
    if (prefix <= allowed) return 4 + prefix * 2 - 1;
  }
  return undefined;
}

/**
 * Autocomplete: skills whose name or an alias starts with `query` (aliases find their canonical skill:
 * "k8" → Kubernetes), then those within Meilisearch's typo allowance ("pyhton", "kubernates",
 * "postgress"), best first, each skill once. Ties go to the shorter, then alphabetical, name.
 */
export function suggestSkills(query: string, limit: number): SkillRef[] {
  const normalized = normalizeSkillName(query);
  const compact = compactSkillName(normalized);
  if (normalized === '' || compact === '' || limit <= 0) return [];
  const bestRank = new Map<string, { skill: SkillRef; rank: number }>();
  for (const entry of suggestionTerms) {
    const rank = suggestionRank(entry, normalized, compact);
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
