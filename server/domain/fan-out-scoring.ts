/** What both fan-out indexes score rows with: place-fit codes, the non-skill bound, credit tables, levels. */
import { effectiveLevel } from '../shared/levels.ts';
import { LOCATION_POINTS, SALARY_POINTS, SENIORITY_POINTS, type LocationFit } from './match-rules.ts';
import type { MatchProfile } from './matching.ts';
import { impliedSkillIds } from './taxonomy.ts';

/** Place fits by code, so the points for every fit and preference fit in a small table per query. */
export const LOCATION_FITS: readonly LocationFit[] = [
  'remote-job',
  'same-city',
  'same-country',
  'other-country',
  'unknown',
];
export const FIT_REMOTE_JOB = 0;
export const FIT_SAME_CITY = 1;
export const FIT_SAME_COUNTRY = 2;
export const FIT_OTHER_COUNTRY = 3;
export const FIT_UNKNOWN = 4;
/** The most points a row can earn outside the skill terms. */
export const NON_SKILL_POINTS = SENIORITY_POINTS + LOCATION_POINTS + SALARY_POINTS;

/** Credit for levels 0–5 under one rule, from the shared functions (index 0 unused). */
export function creditTable(credit: (level: number) => number): Float64Array {
  const table = new Float64Array(6);
  for (let level = 1; level <= 5; level++) table[level] = credit(level);
  return table;
}

/** A profile's skills by id at their best level, and the skills they imply at the best implying level. */
export function profileSkillLevels(profile: MatchProfile): {
  own: Map<string, number>;
  implied: Map<string, number>;
} {
  const own = new Map<string, number>();
  for (const entry of profile.skills) {
    const level = effectiveLevel(entry);
    if (level > (own.get(entry.skill.id) ?? 0)) own.set(entry.skill.id, level);
  }
  const implied = new Map<string, number>();
  for (const [id, level] of own) {
    for (const impliedId of impliedSkillIds(id)) {
      if (level > (implied.get(impliedId) ?? 0)) implied.set(impliedId, level);
    }
  }
  return { own, implied };
}
