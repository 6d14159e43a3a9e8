/**
 * The arithmetic of the match score, shared by `scoreCandidate` and the fan-out indexes so both produce
 * the same number to the last bit. Rules and a worked example: docs/matching.md.
 */
import type { RemotePolicy, Seniority } from '../shared/vocabulary.ts';

export type { RemotePolicy };

export const REQUIRED_POINTS = 70;
export const NICE_TO_HAVE_POINTS = 10;
export const SENIORITY_POINTS = 10;
export const LOCATION_POINTS = 5;
export const SALARY_POINTS = 5;
/** Credit kept when a requirement is only implied by a skill the candidate has (Django → Python). */
export const IMPLIED_DISCOUNT = 0.9;
/** Applied on top of the similarity when only a related skill is present (MySQL for PostgreSQL). */
export const RELATED_DISCOUNT = 0.7;
/** An expectation this far above the posting's maximum earns no salary points. */
export const SALARY_TOLERANCE = 0.25;

export function clampRequirementLevel(level: number): number {
  return Number.isFinite(level) ? Math.min(5, Math.max(1, Math.round(level))) : 1;
}

/** Weights count when positive and finite; anything else counts as 0. */
export function requirementWeight(weight: number): number {
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}

/** Sum of the requirement weights, added in list order. */
export function totalWeight(requirements: readonly { weight: number }[]): number {
  let total = 0;
  for (const requirement of requirements) total += requirementWeight(requirement.weight);
  return total;
}

/** 1 at or above the minimum level, level / minimum below it. */
export function levelCredit(level: number, minimum: number): number {
  return level >= minimum ? 1 : level / minimum;
}

export function impliedCredit(level: number, minimum: number): number {
  return IMPLIED_DISCOUNT * levelCredit(level, minimum);
}

export function relatedCredit(similarity: number, level: number, minimum: number): number {
  return similarity * RELATED_DISCOUNT * levelCredit(level, minimum);
}

/** Weighted credit sum over the requirements → points; with nothing required, all points. */
export function requiredPoints(weightedCredit: number, totalWeight: number): number {
  return totalWeight > 0 ? REQUIRED_POINTS * (weightedCredit / totalWeight) : REQUIRED_POINTS;
}

export function niceToHavePoints(weightedCredit: number, totalWeight: number): number {
  return totalWeight > 0 ? NICE_TO_HAVE_POINTS * (weightedCredit / totalWeight) : NICE_TO_HAVE_POINTS;
}

export const SENIORITY_RANK: Readonly<Record<Seniority, number>> = {
  junior: 0,
  mid: 1,
  senior: 2,
  staff: 3,
  lead: 3,
};

/** A stated seniority wins; otherwise years: under 2 junior, under 5 mid, under 8 senior, else staff. */
export function candidateSeniorityRank(seniority: Seniority | null, yearsExperience: number): number {
  if (seniority !== null) return SENIORITY_RANK[seniority];
  if (!(yearsExperience >= 2)) return 0;
  if (yearsExperience < 5) return 1;
  return yearsExperience < 8 ? 2 : 3;
}

/** Exact fit 10; one step under 5, two or more under 0; one step over 8, two or more over 5. */
export function seniorityPoints(postingRank: number, candidateRank: number): number {
  const difference = candidateRank - postingRank;
  if (difference === 0) return SENIORITY_POINTS;
  if (difference === -1) return SENIORITY_POINTS * 0.5;
  if (difference < -1) return 0;
  return difference === 1 ? SENIORITY_POINTS * 0.8 : SENIORITY_POINTS * 0.5;
}

export type LocationFit = 'remote-job' | 'same-city' | 'same-country' | 'other-country' | 'unknown';

export const REMOTE_CODES: Readonly<Record<RemotePolicy, number>> = { onsite: 1, hybrid: 2, remote: 3 };

/** How well the candidate's place fits the posting's place, 0–1, by remote policy. */
export function locationFactor(policy: RemotePolicy, fit: LocationFit): number {
  switch (fit) {
    case 'remote-job':
    case 'same-city':
      return 1;
    case 'same-country':
      return policy === 'hybrid' ? 0.6 : 0.5;
    case 'other-country':
      return 0;
    case 'unknown':
      return 0.5;
  }
}

/** How well the candidate's remote preference fits the posting's policy, 0–1; no preference fits all. */
export function remotePreferenceFactor(policy: RemotePolicy, preference: RemotePolicy | null): number {
  if (preference === null || preference === policy) return 1;
  if (preference === 'remote') return policy === 'hybrid' ? 0.6 : 0.3;
  if (preference === 'onsite') return policy === 'hybrid' ? 0.9 : 0.7;
  return policy === 'remote' ? 0.9 : 0.7;
}

export function locationPoints(
  policy: RemotePolicy,
  fit: LocationFit,
  preference: RemotePolicy | null,
): number {
  return LOCATION_POINTS * locationFactor(policy, fit) * remotePreferenceFactor(policy, preference);
}

/**
 * Full points when the expectation is at most the posting's maximum (or unknown), falling linearly to 0
 * at SALARY_TOLERANCE above it. Both amounts are annual US dollars; NaN means not stated or not convertible.
 */
export function salaryPoints(postingMaxUsd: number, expectedUsd: number): number {
  if (Number.isNaN(expectedUsd) || Number.isNaN(postingMaxUsd) || expectedUsd <= postingMaxUsd) {
    return SALARY_POINTS;
  }
  const over = expectedUsd / postingMaxUsd - 1;
  return SALARY_POINTS * Math.max(0, 1 - over / SALARY_TOLERANCE);
}

export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}

export function totalScore(
  required: number,
  niceToHave: number,
  seniority: number,
  location: number,
  salary: number,
): number {
  return roundScore(required + niceToHave + seniority + location + salary);
}

export function countryKey(country: string): string {
  return country.trim().toUpperCase();
}

export function cityKey(city: string): string {
  return city.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function locationFit(
  policy: RemotePolicy,
  postingLocation: { country: string; city: string },
  candidateLocation: { country: string; city: string } | null,
): LocationFit {
  if (policy === 'remote') return 'remote-job';
  if (candidateLocation === null || countryKey(candidateLocation.country) === '') return 'unknown';
  if (countryKey(candidateLocation.country) !== countryKey(postingLocation.country)) return 'other-country';
  const city = cityKey(candidateLocation.city);
  return city !== '' && city === cityKey(postingLocation.city) ? 'same-city' : 'same-country';
}
