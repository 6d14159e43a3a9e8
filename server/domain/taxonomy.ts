import taxonomyData from './data/taxonomy.json' with { type: 'json' };

/** A technology one installs or writes in, or a practice or concept (agile, code review, system design). */
export type SkillKind = 'technology' | 'practice';

/** One curated back-end skill. `implies` is one-way (Django implies Python, never the reverse). */
export interface Skill {
  id: string;
  name: string;
  category: string;
  /** Set where the category alone does not tell (TDD sits in testing, but is a practice). */
  kind?: SkillKind;
  aliases: string[];
  implies: string[];
  related: { id: string; similarity: number }[];
  /** For a runtime platform: the languages written for it (C#, F# and VB.NET for .NET). */
  languages?: string[];
  /** Name or aliases that are also ordinary words ("Go", "Spring"): free text needs context to count them. */
  ambiguous?: string[];
  /** Forms matched in free text only in exactly this casing ("REST", not "the rest"). */
  caseSensitive?: string[];
  /** Forms that resolve a typed name but are too ordinary a word to count in free text ("documentation"). */
  plainWords?: string[];
  /** Short forms people type into a picker ("tf", "es") that would be noise in free text. */
  pickerAliases?: string[];
}

interface TaxonomyFile {
  version: string;
  skills: Skill[];
}

const taxonomy = taxonomyData as TaxonomyFile;

/** Date of the taxonomy data file, recorded with anything derived from it. */
export const taxonomyVersion: string = taxonomy.version;

const skills: readonly Skill[] = Object.freeze(taxonomy.skills.map((skill) => Object.freeze(skill)));
const skillsById = new Map<string, Skill>(skills.map((skill) => [skill.id, skill]));

export function getSkill(id: string): Skill | undefined {
  return skillsById.get(id);
}

export function allSkills(): readonly Skill[] {
  return skills;
}

/** Categories whose skills are all practices or concepts. */
const PRACTICE_CATEGORIES: ReadonlySet<string> = new Set(['practice', 'architecture']);

export function skillKind(skill: Skill): SkillKind {
  return skill.kind ?? (PRACTICE_CATEGORIES.has(skill.category) ? 'practice' : 'technology');
}

/** Lower case, single spaces: how names and aliases are compared. */
export function normalizeSkillName(input: string): string {
  return input.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Also ignores spaces, dots, hyphens and underscores, so "NodeJS", "node.js" and "node js" agree. */
export function compactSkillName(input: string): string {
  return input.toLowerCase().replace(/[\s._-]+/g, '');
}

const idByName = new Map<string, string>();
const idByCompactName = new Map<string, string>();
for (const skill of skills) {
  for (const term of [skill.name, ...skill.aliases, ...(skill.pickerAliases ?? [])]) {
    idByName.set(normalizeSkillName(term), skill.id);
    idByCompactName.set(compactSkillName(term), skill.id);
  }
}

/** The taxonomy id a name, alias or id stands for, in any casing and punctuation; undefined if unknown. */
export function findSkillId(input: string): string | undefined {
  const normalized = normalizeSkillName(input);
  if (normalized === '') return undefined;
  return (
    idByName.get(normalized) ??
    idByCompactName.get(compactSkillName(normalized)) ??
    (skillsById.has(normalized) ? normalized : undefined)
  );
}

const impliedClosures = new Map<string, readonly string[]>();

/** Every skill `id` implies, directly or through a chain (Spring Boot → Spring → Java), without `id`. */
export function impliedSkillIds(id: string): readonly string[] {
  const cached = impliedClosures.get(id);
  if (cached) return cached;
  const seen = new Set<string>();
  const stack = [...(skillsById.get(id)?.implies ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === id || seen.has(next)) continue;
    seen.add(next);
    stack.push(...(skillsById.get(next)?.implies ?? []));
  }
  const closure = Object.freeze([...seen].sort());
  impliedClosures.set(id, closure);
  return closure;
}

/** Similarity in (0, 1) of `otherId` as listed among `id`'s related skills; 0 when not related. */
export function relatedSimilarity(id: string, otherId: string): number {
  const entry = skillsById.get(id)?.related.find((related) => related.id === otherId);
  return entry ? entry.similarity : 0;
}
