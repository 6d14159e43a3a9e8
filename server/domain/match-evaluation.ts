/**
 * The skill half of a match: every requirement credited from the candidate's skills, with how it was
 * credited. `scoreCandidate`, `skillGapFor` and `explainMatch` all read one evaluation.
 */
import type { RemotePolicy, SalaryPeriod, Seniority } from '../shared/vocabulary.ts';
import type { SkillRef } from './skill-ref.ts';
import { effectiveLevel } from '../shared/levels.ts';
import { isKnownCurrency, toAnnualUsd } from './currency.ts';
import {
  NICE_TO_HAVE_POINTS,
  REQUIRED_POINTS,
  SENIORITY_RANK,
  type LocationFit,
  candidateSeniorityRank,
  clampRequirementLevel,
  evidenceCount,
  evidenceFactor,
  impliedCredit,
  levelCredit,
  locationFit,
  locationPoints,
  niceToHavePoints,
  relatedCredit,
  requiredPoints,
  requirementWeight,
  salaryPoints,
  seniorityPoints,
  skillGate,
  totalWeight,
} from './match-rules.ts';
import { type RelationKind, creditRelation } from './skill-relations.ts';
import { getSkill, impliedSkillIds } from './taxonomy.ts';

export type { RelationKind };

export interface Requirement {
  skill: SkillRef;
  /** Minimum level, 1–5. */
  level: number;
  /** Relative importance, > 0. */
  weight: number;
}

/** The parts of a listing the score reads; a store `ListingData` fits as is. */
export interface MatchPosting {
  requiredSkills: Requirement[];
  niceToHaveSkills: Requirement[];
  seniority: Seniority;
  location: { country: string; city: string };
  remote: RemotePolicy;
  salary: { min: number; max: number; currency: string; period: SalaryPeriod };
}

export interface ProfileSkillInput {
  skill: SkillRef;
  level?: number;
  years?: number;
}

/** The parts of a candidate profile the score reads; a store `ProfileData` fits as is. */
export interface MatchProfile {
  skills: ProfileSkillInput[];
  yearsExperience: number;
  seniority: Seniority | null;
  location: { country: string; city: string } | null;
  remote: RemotePolicy | null;
  expectedSalary: { min: number; currency: string; period: SalaryPeriod } | null;
}

/** How a requirement was credited: the skill itself (by its name or an alias), through another skill, or too low. */
export type MatchKind = 'exact' | 'alias' | 'implied' | 'related' | 'below-level';

interface CandidateSkill {
  ref: SkillRef;
  level: number;
}

/** The candidate's skills by id, keeping the highest level when a skill is listed twice. */
function candidateSkills(profile: MatchProfile): Map<string, CandidateSkill> {
  const skills = new Map<string, CandidateSkill>();
  for (const entry of profile.skills) {
    const level = effectiveLevel(entry);
    const current = skills.get(entry.skill.id);
    if (!current || level > current.level) skills.set(entry.skill.id, { ref: entry.skill, level });
  }
  return skills;
}

export interface RequirementCredit {
  credit: number;
  match: MatchKind | null;
  candidateLevel: number | null;
  via?: SkillRef;
  /** For a related match: which rule linked the skills (a reviewed edge, the language, …). */
  relation?: RelationKind;
}

export function canonicalRef(id: string, fallback: SkillRef): SkillRef {
  const skill = getSkill(id);
  return skill ? { id: skill.id, name: skill.name } : fallback;
}

/** Best credit for one requirement: the skill itself, else the best implying or related skill. */
function creditFor(skillId: string, minimum: number, skills: Map<string, CandidateSkill>): RequirementCredit {
  const own = skills.get(skillId);
  let best: RequirementCredit = { credit: 0, match: null, candidateLevel: null };
  if (own) {
    const credit = levelCredit(own.level, minimum);
    const taxonomyName = getSkill(skillId)?.name;
    const byAlias = taxonomyName !== undefined && own.ref.name.toLowerCase() !== taxonomyName.toLowerCase();
    const match: MatchKind = credit < 1 ? 'below-level' : byAlias ? 'alias' : 'exact';
    best = { credit, match, candidateLevel: own.level };
  }
  for (const candidate of skills.values()) {
    if (candidate.ref.id === skillId) continue;
    if (impliedSkillIds(candidate.ref.id).includes(skillId)) {
      const credit = impliedCredit(candidate.level, minimum);
      if (credit > best.credit) {
        best = {
          credit,
          match: 'implied',
          candidateLevel: candidate.level,
          via: canonicalRef(candidate.ref.id, candidate.ref),
        };
      }
    }
    const relation = creditRelation(skillId, candidate.ref.id);
    if (relation) {
      const credit = relatedCredit(relation.factor, candidate.level, minimum);
      if (credit > best.credit) {
        best = {
          credit,
          match: 'related',
          candidateLevel: candidate.level,
          via: canonicalRef(candidate.ref.id, candidate.ref),
          relation: relation.relation,
        };
      }
    }
  }
  return best;
}

export interface EvaluatedRequirement {
  requirement: Requirement;
  required: boolean;
  level: number;
  weight: number;
  result: RequirementCredit;
  /** Skill points earned and still available, unrounded (the gate on other terms not included). */
  points: number;
  missingPoints: number;
}

export interface Evaluation {
  requiredWeightedCredit: number;
  requiredWeight: number;
  /** Required skills with a positive weight: the evidence the skill term rests on. */
  requiredCount: number;
  niceWeightedCredit: number;
  niceWeight: number;
  requirements: EvaluatedRequirement[];
}

export function evaluateSkills(posting: MatchPosting, profile: MatchProfile): Evaluation {
  const skills = candidateSkills(profile);
  const requirements: EvaluatedRequirement[] = [];
  const requiredWeight = totalWeight(posting.requiredSkills);
  const requiredCount = evidenceCount(posting.requiredSkills);
  const niceWeight = totalWeight(posting.niceToHaveSkills);
  let requiredWeightedCredit = 0;
  let niceWeightedCredit = 0;
  for (const [list, required] of [
    [posting.requiredSkills, true],
    [posting.niceToHaveSkills, false],
  ] as const) {
    const maxPoints = required ? REQUIRED_POINTS * evidenceFactor(requiredCount) : NICE_TO_HAVE_POINTS;
    const totalWeight = required ? requiredWeight : niceWeight;
    for (const requirement of list) {
      const level = clampRequirementLevel(requirement.level);
      const weight = requirementWeight(requirement.weight);
      const result = creditFor(requirement.skill.id, level, skills);
      // The fan-out indexes add in this same order; keep the expression identical.
      if (required) requiredWeightedCredit += weight * result.credit;
      else niceWeightedCredit += weight * result.credit;
      const share = totalWeight > 0 ? (maxPoints * weight) / totalWeight : 0;
      requirements.push({
        requirement,
        required,
        level,
        weight,
        result,
        points: share * result.credit,
        missingPoints: share * (1 - result.credit),
      });
    }
  }
  return {
    requiredWeightedCredit,
    requiredWeight,
    requiredCount,
    niceWeightedCredit,
    niceWeight,
    requirements,
  };
}

/** Annual US dollars, or NaN when the amount is missing or its currency unknown. */
export function annualUsdOrNaN(
  salary: { amount: number; currency: string; period: SalaryPeriod } | null,
): number {
  if (salary === null || !Number.isFinite(salary.amount) || !isKnownCurrency(salary.currency))
    return Number.NaN;
  return toAnnualUsd(salary.amount, salary.currency, salary.period);
}

/** Every term's unrounded points, and what they were computed from. */
export interface ScoreParts {
  required: number;
  niceToHave: number;
  seniority: number;
  location: number;
  salary: number;
  /** Share of the non-skill points that count (see `skillGate`). */
  gate: number;
  candidateRank: number;
  fit: LocationFit;
  postingMaxUsd: number;
  expectedUsd: number;
}

export function scoreParts(posting: MatchPosting, profile: MatchProfile, evaluation: Evaluation): ScoreParts {
  const candidateRank = candidateSeniorityRank(profile.seniority, profile.yearsExperience);
  const fit = locationFit(posting.remote, posting.location, profile.location);
  const postingMaxUsd = annualUsdOrNaN({
    amount: posting.salary.max,
    currency: posting.salary.currency,
    period: posting.salary.period,
  });
  const expected = profile.expectedSalary;
  const expectedUsd = annualUsdOrNaN(
    expected && { amount: expected.min, currency: expected.currency, period: expected.period },
  );
  return {
    required: requiredPoints(
      evaluation.requiredWeightedCredit,
      evaluation.requiredWeight,
      evaluation.requiredCount,
    ),
    niceToHave: niceToHavePoints(evaluation.niceWeightedCredit, evaluation.niceWeight),
    seniority: seniorityPoints(SENIORITY_RANK[posting.seniority], candidateRank),
    location: locationPoints(posting.remote, fit, profile.remote),
    salary: salaryPoints(postingMaxUsd, expectedUsd),
    gate: skillGate(evaluation.requiredWeightedCredit, evaluation.requiredWeight),
    candidateRank,
    fit,
    postingMaxUsd,
    expectedUsd,
  };
}
