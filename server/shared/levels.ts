/**
 * Skill levels: 1 = aware, 2 = used, 3 = working proficiency, 4 = advanced, 5 = expert.
 * Years of use map to a level by this rule (see docs/matching.md):
 *   under 1 year → 1, 1 to under 2 → 2, 2 to under 4 → 3, 4 to under 7 → 4, 7 or more → 5.
 */
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;
/** Assumed when a profile lists a skill with neither a level nor years. */
export const DEFAULT_LEVEL = 3;

const YEAR_THRESHOLDS: readonly { minYears: number; level: number }[] = [
  { minYears: 7, level: 5 },
  { minYears: 4, level: 4 },
  { minYears: 2, level: 3 },
  { minYears: 1, level: 2 },
];

export function levelFromYears(years: number): number {
  if (!Number.isFinite(years)) return MIN_LEVEL;
  return YEAR_THRESHOLDS.find((threshold) => years >= threshold.minYears)?.level ?? MIN_LEVEL;
}

/** The whole-number level a profile skill counts at: its level (clamped to 1–5), else from its years. */
export function effectiveLevel(skill: { level?: number; years?: number }): number {
  if (typeof skill.level === 'number' && Number.isFinite(skill.level)) {
    return Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, Math.round(skill.level)));
  }
  if (typeof skill.years === 'number' && Number.isFinite(skill.years)) return levelFromYears(skill.years);
  return DEFAULT_LEVEL;
}

export const LEVEL_LABEL: Readonly<Record<number, string>> = {
  1: 'Aware',
  2: 'Used it',
  3: 'Working proficiency',
  4: 'Advanced',
  5: 'Expert',
};
