/**
 * The arithmetic of the match score, shared by `scoreCandidate` and the fan-out indexes so both produce
 * the same number to the last bit. Rules and a worked example: docs/matching.md.
 */
import type { RemotePolicy, Seniority } from '../shared/vocabulary.ts';
import { EVIDENCE_REQUIREMENTS, NICE_TO_HAVE_BONUS } from '../shared/matching.ts';

export type { RemotePolicy };
export { EVIDENCE_REQUIREMENTS };

export const REQUIRED_POINTS = 80;
/** Nice-to-have skills add up to this many points on top, never past 100: missing one costs nothing. */
export const NICE_TO_HAVE_POINTS = NICE_TO_HAVE_BONUS;
export const SENIORITY_POINTS = 10;
export const LOCATION_POINTS = 5;
export const SALARY_POINTS = 5;
export const MAX_SCORE = 100;
/** Credit kept when a requirement is only implied by a skill the candidate has (Django → Python). */
export const IMPLIED_DISCOUNT = 0.9;
/** Applied on top of the similarity when only a related skill is present (MySQL for PostgreSQL). */
export const RELATED_DISCOUNT = 0.7;
/** Knowing the language of a required framework or tool (Python for Django). */
export const LANGUAGE_CREDIT = 0.5;
/** Knowing a language of a required runtime platform (C# for .NET). */
export const PLATFORM_LANGUAGE_CREDIT = 0.7;
/** Similarity of two tools of one operations category without a reviewed edge (Kubernetes, Docker). */
export const NEIGHBOUR_SIMILARITY = 0.4;
/**
 * Share of the required skills (by weight and credit) from which seniority, place and salary count in
 * full; below it they count in proportion, so they cannot lift a candidate who meets almost none.
 */
export const SKILL_GATE = 0.5;
/** The salary points fall to 0 this far above the posting's maximum … */
export const SALARY_TOLERANCE = 0.25;
/** … and beyond it each 100 % more costs this many points, down to SALARY_MAX_PENALTY. */
export const SALARY_GAP_PENALTY = 40;
export const SALARY_MAX_PENALTY = -30;
/** A candidate in another country, for an onsite or hybrid posting: relocation, not commuting. */
export const ONSITE_ABROAD_PENALTY = -15;
export const HYBRID_ABROAD_PENALTY = -10;

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

/** Credit through another skill: the relation's factor (see skill-relations.ts) × level credit. */
export function relatedCredit(factor: number, level: number, minimum: number): number {
  return factor * levelCredit(level, minimum);
}

/** Requirements that count as evidence: those with a positive weight. */
export function evidenceCount(requirements: readonly { weight: number }[]): number {
  let count = 0;
  for (const requirement of requirements) if (requirementWeight(requirement.weight) > 0) count++;
  return count;
}

/** How much of the skill term a posting can give: 0 with nothing required, 1 from EVIDENCE_REQUIREMENTS. */
export function evidenceFactor(requiredCount: number): number {
  return Math.min(1, requiredCount / EVIDENCE_REQUIREMENTS);
}

/** Weighted credit sum over the requirements → points, scaled by the evidence the posting gives. */
export function requiredPoints(weightedCredit: number, totalWeight: number, requiredCount: number): number {
  return totalWeight > 0
    ? REQUIRED_POINTS * evidenceFactor(requiredCount) * (weightedCredit / totalWeight)
    : 0;
}

/** The nice-to-have bonus: 0 when none are listed or none are met. */
export function niceToHavePoints(weightedCredit: number, totalWeight: number): number {
  return totalWeight > 0 ? NICE_TO_HAVE_POINTS * (weightedCredit / totalWeight) : 0;
}

/** Share of seniority, place and salary points that count, from the share of required skills met. */
export function skillGate(weightedCredit: number, totalWeight: number): number {
  return totalWeight > 0 ? Math.min(1, weightedCredit / totalWeight / SKILL_GATE) : 1;
}

/** Points of a non-skill term after the gate: earned points scale, penalties count in full. */
export function gatedPoints(points: number, gate: number): number {
  return points > 0 ? points * gate : points;
}

export const SENIORITY_RANK: Readonly<Record<Seniority, number>> = {
  junior: 0,
  mid: 1,
  senior: 2,
  staff: 3,
  lead: 3,
};

/** Years of experience as a rank: under 2 junior, under 5 mid, under 8 senior, else staff. */
export function seniorityRankFromYears(yearsExperience: number): number {
  if (!(yearsExperience >= 2)) return 0;
  if (yearsExperience < 5) return 1;
  return yearsExperience < 8 ? 2 : 3;
}

/**
 * The candidate's rank: the stated seniority, but at most one step above what their years support
 * when they state years (a "lead" with one year counts as mid); without a stated seniority, the years.
 * Years never raise a stated seniority: a candidate who says mid after a career change is taken at it.
 */
export function candidateSeniorityRank(seniority: Seniority | null, yearsExperience: number): number {
  const fromYears = seniorityRankFromYears(yearsExperience);
  if (seniority === null) return fromYears;
  const stated = SENIORITY_RANK[seniority];
  return yearsExperience > 0 ? Math.min(stated, fromYears + 1) : stated;
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

/** Place points; a candidate abroad for an onsite or hybrid posting costs points instead. */
export function locationPoints(
  policy: RemotePolicy,
  fit: LocationFit,
  preference: RemotePolicy | null,
): number {
  if (fit === 'other-country') return policy === 'onsite' ? ONSITE_ABROAD_PENALTY : HYBRID_ABROAD_PENALTY;
  return LOCATION_POINTS * locationFactor(policy, fit) * remotePreferenceFactor(policy, preference);
}

/**
 * Full points when the expectation is at most the posting's maximum (or unknown), falling linearly to 0
 * at SALARY_TOLERANCE above it; past that, a penalty in proportion to the gap. Both amounts are annual
 * US dollars; NaN means not stated or not convertible.
 */
export function salaryPoints(postingMaxUsd: number, expectedUsd: number): number {
  if (Number.isNaN(expectedUsd) || Number.isNaN(postingMaxUsd) || expectedUsd <= postingMaxUsd) {
    return SALARY_POINTS;
  }
  const over = expectedUsd / postingMaxUsd - 1;
  if (over <= SALARY_TOLERANCE) return SALARY_POINTS * (1 - over / SALARY_TOLERANCE);
  return Math.max(SALARY_MAX_PENALTY, -SALARY_GAP_PENALTY * (over - SALARY_TOLERANCE));
}

export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The unrounded sum: skill points, gated non-skill terms, the bonus, clamped to 0–100. */
export function rawScore(
  required: number,
  niceToHave: number,
  seniority: number,
  location: number,
  salary: number,
  gate: number,
): number {
  const base =
    required + gatedPoints(seniority, gate) + gatedPoints(location, gate) + gatedPoints(salary, gate);
  return Math.min(MAX_SCORE, Math.max(0, base + niceToHave));
}

export function totalScore(
  required: number,
  niceToHave: number,
  seniority: number,
  location: number,
  salary: number,
  gate: number,
): number {
  return roundScore(rawScore(required, niceToHave, seniority, location, salary, gate));
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
