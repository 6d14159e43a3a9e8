import type { RemotePolicy, SalaryPeriod, Seniority } from '../shared/vocabulary.ts';
import { checkCountry, checkCurrency, checkPlausiblePay, type Location } from './listing.ts';
import type { SkillRef } from './skill-ref.ts';
import { resolveSkill } from './skills.ts';

/** A candidate's skill profile as Backboard models it. */

export interface ProfileSkill {
  skill: SkillRef;
  level?: number;
  years?: number;
}

export interface ExpectedSalary {
  min: number;
  currency: string;
  period: SalaryPeriod;
}

export interface ProfileData {
  headline: string;
  yearsExperience: number;
  seniority: Seniority | null;
  location: Location | null;
  remote: RemotePolicy | null;
  expectedSalary: ExpectedSalary | null;
  skills: ProfileSkill[];
  discoverable: boolean;
}

/** A profile skill as people type it: by any name or alias, with a level or with years. */
export type ProfileSkillInput = { skill: string; level: number } | { skill: string; years: number };

/** Profile data as the API, the importer and the seed receive it (already schema-valid). */
export interface ProfileInput extends Omit<ProfileData, 'skills'> {
  skills: ProfileSkillInput[];
}

/** Canonical skills, each once (first mention wins). */
export function resolveProfileSkills(skills: readonly ProfileSkillInput[]): ProfileSkill[] {
  const byId = new Map<string, ProfileSkill>();
  for (const entry of skills) {
    const skill = resolveSkill(entry.skill);
    if (byId.has(skill.id)) continue;
    byId.set(skill.id, 'level' in entry ? { skill, level: entry.level } : { skill, years: entry.years });
  }
  return [...byId.values()];
}

/**
 * The one way input becomes profile data, for the API, the importer and the demo seed alike: trims
 * text, resolves skills to the taxonomy once each, and refuses an expected salary in a currency without
 * an exchange rate. Throws `validation_failed`.
 */
export function shapeProfile(input: ProfileInput): ProfileData {
  if (input.location) checkCountry(input.location.country, '/location/country');
  if (input.expectedSalary) {
    const { min, currency, period } = input.expectedSalary;
    checkCurrency(currency, '/expectedSalary/currency');
    checkPlausiblePay(min, currency, period, '/expectedSalary/min');
  }
  return {
    headline: input.headline.trim(),
    yearsExperience: input.yearsExperience,
    seniority: input.seniority,
    location: input.location && { country: input.location.country, city: input.location.city.trim() },
    remote: input.remote,
    expectedSalary: input.expectedSalary,
    skills: resolveProfileSkills(input.skills),
    discoverable: input.discoverable,
  };
}
