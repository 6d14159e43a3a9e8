import type { MatchPosting, MatchProfile, Requirement } from '../../server/domain/matching.ts';
import { resolveSkill } from '../../server/domain/skills.ts';

export function requirement(name: string, level = 3, weight = 1): Requirement {
  return { skill: resolveSkill(name), level, weight };
}

export function makePosting(overrides: Partial<MatchPosting> = {}): MatchPosting {
  return {
    requiredSkills: [requirement('Python', 3, 2), requirement('PostgreSQL', 3, 1)],
    niceToHaveSkills: [requirement('Docker', 2, 1)],
    seniority: 'senior',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'hybrid',
    salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
    ...overrides,
  };
}

export function makeProfile(overrides: Partial<MatchProfile> = {}): MatchProfile {
  return {
    skills: [
      { skill: resolveSkill('Python'), level: 4 },
      { skill: resolveSkill('PostgreSQL'), level: 3 },
      { skill: resolveSkill('Docker'), years: 3 },
    ],
    yearsExperience: 6,
    seniority: 'senior',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'hybrid',
    expectedSalary: { min: 80_000, currency: 'EUR', period: 'year' },
    ...overrides,
  };
}
