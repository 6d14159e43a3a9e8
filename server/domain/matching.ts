import type { RemotePolicy, SalaryPeriod, Seniority } from '../shared/vocabulary.ts';
import type { SkillRef } from './skill-ref.ts';
import { isKnownCurrency, toAnnualUsd } from './currency.ts';
import { effectiveLevel } from '../shared/levels.ts';
import {
  LOCATION_POINTS,
  NICE_TO_HAVE_POINTS,
  REQUIRED_POINTS,
  SALARY_POINTS,
  SENIORITY_POINTS,
  SENIORITY_RANK,
  candidateSeniorityRank,
  clampRequirementLevel,
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
  totalScore,
  totalWeight,
} from './match-rules.ts';
import { getSkill, impliedSkillIds, relatedSimilarity } from './taxonomy.ts';

export type { RemotePolicy, SalaryPeriod, Seniority };

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

export type MatchTermKey = 'required-skills' | 'nice-to-have-skills' | 'seniority' | 'location' | 'salary';

export interface MatchTerm {
  key: MatchTermKey;
  label: string;
  /** Points earned, rounded to 2 decimals; the score sums the unrounded values. */
  points: number;
  maxPoints: number;
  detail: string;
}

export interface SkillCredit {
  skill: SkillRef;
  required: boolean;
  weight: number;
  requiredLevel: number;
  /** The level of the skill that earned the credit (the related or implying skill when `via` is set). */
  candidateLevel: number | null;
  match: MatchKind | null;
  /** The candidate's skill that implied or is related to the required one. */
  via?: SkillRef;
  /** 0–1. */
  credit: number;
  /** Points this skill adds to the score, rounded to 2 decimals. */
  points: number;
}

export type MatchResult =
  | { scored: true; score: number; terms: MatchTerm[]; skills: SkillCredit[] }
  | { scored: false; reason: string };

export const NO_SKILLS_REASON = 'Add your skills to your profile to see how well you match this posting.';

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

interface RequirementCredit {
  credit: number;
  match: MatchKind | null;
  candidateLevel: number | null;
  via?: SkillRef;
}

function canonicalRef(id: string, fallback: SkillRef): SkillRef {
  const skill = getSkill(id);
  return skill ? { id: skill.id, name: skill.name } : fallback;
}

/** Best credit for one requirement: the skill itself, else the better of implied and related skills. */
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
    const similarity = relatedSimilarity(skillId, candidate.ref.id);
    if (similarity > 0) {
      const credit = relatedCredit(similarity, candidate.level, minimum);
      if (credit > best.credit) {
        best = {
          credit,
          match: 'related',
          candidateLevel: candidate.level,
          via: canonicalRef(candidate.ref.id, candidate.ref),
        };
      }
    }
  }
  return best;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

interface EvaluatedRequirement {
  requirement: Requirement;
  required: boolean;
  level: number;
  weight: number;
  result: RequirementCredit;
  /** Points earned and points still available, unrounded. */
  points: number;
  missingPoints: number;
}

interface Evaluation {
  requiredWeightedCredit: number;
  requiredWeight: number;
  niceWeightedCredit: number;
  niceWeight: number;
  requirements: EvaluatedRequirement[];
}

function evaluateSkills(posting: MatchPosting, profile: MatchProfile): Evaluation {
  const skills = candidateSkills(profile);
  const requirements: EvaluatedRequirement[] = [];
  const requiredWeight = totalWeight(posting.requiredSkills);
  const niceWeight = totalWeight(posting.niceToHaveSkills);
  let requiredWeightedCredit = 0;
  let niceWeightedCredit = 0;
  for (const [list, required] of [
    [posting.requiredSkills, true],
    [posting.niceToHaveSkills, false],
  ] as const) {
    const maxPoints = required ? REQUIRED_POINTS : NICE_TO_HAVE_POINTS;
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
  return { requiredWeightedCredit, requiredWeight, niceWeightedCredit, niceWeight, requirements };
}

/** Annual US dollars, or NaN when the amount is missing or its currency unknown. */
export function annualUsdOrNaN(
  salary: { amount: number; currency: string; period: SalaryPeriod } | null,
): number {
  if (salary === null || !Number.isFinite(salary.amount) || !isKnownCurrency(salary.currency))
    return Number.NaN;
  return toAnnualUsd(salary.amount, salary.currency, salary.period);
}

const SENIORITY_NAMES: readonly string[] = ['junior', 'mid', 'senior', 'staff or lead'];

function describeCount(evaluated: EvaluatedRequirement[]): string {
  const full = evaluated.filter((entry) => entry.result.credit >= 1).length;
  const partial = evaluated.filter((entry) => entry.result.credit > 0 && entry.result.credit < 1).length;
  return `${full} of ${evaluated.length} met, ${partial} partly`;
}

/**
 * How well `profile` fits `posting`, 0–100 with one decimal, explained term by term. Deterministic: a
 * pure function of the two inputs and the taxonomy. A profile without skills gets no score.
 */
export function scoreCandidate(posting: MatchPosting, profile: MatchProfile): MatchResult {
  if (profile.skills.length === 0) return { scored: false, reason: NO_SKILLS_REASON };
  return scoreFromEvaluation(posting, profile, evaluateSkills(posting, profile));
}

function scoreFromEvaluation(
  posting: MatchPosting,
  profile: MatchProfile,
  evaluation: Evaluation,
): MatchResult {
  const required = requiredPoints(evaluation.requiredWeightedCredit, evaluation.requiredWeight);
  const niceToHave = niceToHavePoints(evaluation.niceWeightedCredit, evaluation.niceWeight);

  const postingRank = SENIORITY_RANK[posting.seniority];
  const candidateRank = candidateSeniorityRank(profile.seniority, profile.yearsExperience);
  const seniority = seniorityPoints(postingRank, candidateRank);

  const fit = locationFit(posting.remote, posting.location, profile.location);
  const location = locationPoints(posting.remote, fit, profile.remote);

  const postingMaxUsd = annualUsdOrNaN({
    amount: posting.salary.max,
    currency: posting.salary.currency,
    period: posting.salary.period,
  });
  const expected = profile.expectedSalary;
  const expectedUsd = annualUsdOrNaN(
    expected && { amount: expected.min, currency: expected.currency, period: expected.period },
  );
  const salary = salaryPoints(postingMaxUsd, expectedUsd);

  const requiredList = evaluation.requirements.filter((entry) => entry.required);
  const niceList = evaluation.requirements.filter((entry) => !entry.required);
  const terms: MatchTerm[] = [
    {
      key: 'required-skills',
      label: 'Required skills',
      points: round2(required),
      maxPoints: REQUIRED_POINTS,
      detail: requiredList.length === 0 ? 'No required skills' : describeCount(requiredList),
    },
    {
      key: 'nice-to-have-skills',
      label: 'Nice-to-have skills',
      points: round2(niceToHave),
      maxPoints: NICE_TO_HAVE_POINTS,
      detail: niceList.length === 0 ? 'No nice-to-have skills' : describeCount(niceList),
    },
    {
      key: 'seniority',
      label: 'Seniority',
      points: round2(seniority),
      maxPoints: SENIORITY_POINTS,
      detail: `Posting ${posting.seniority}; candidate ${SENIORITY_NAMES[candidateRank]}${profile.seniority === null ? ` (from ${profile.yearsExperience} years)` : ''}`,
    },
    {
      key: 'location',
      label: 'Location and remote',
      points: round2(location),
      maxPoints: LOCATION_POINTS,
      detail: `${posting.remote} posting; ${fit.replace('-', ' ')}; preference ${profile.remote ?? 'not stated'}`,
    },
    {
      key: 'salary',
      label: 'Salary',
      points: round2(salary),
      maxPoints: SALARY_POINTS,
      detail: Number.isNaN(expectedUsd)
        ? 'No comparable expectation stated'
        : expectedUsd <= postingMaxUsd || Number.isNaN(postingMaxUsd)
          ? 'Expectation within the posted range'
          : `Expectation ${Math.round((expectedUsd / postingMaxUsd - 1) * 100)}% above the posted maximum`,
    },
  ];
  const skills: SkillCredit[] = evaluation.requirements.map((entry) => {
    const credit: SkillCredit = {
      skill: canonicalRef(entry.requirement.skill.id, entry.requirement.skill),
      required: entry.required,
      weight: entry.weight,
      requiredLevel: entry.level,
      candidateLevel: entry.result.candidateLevel,
      match: entry.result.match,
      credit: round2(entry.result.credit),
      points: round2(entry.points),
    };
    if (entry.result.via) credit.via = entry.result.via;
    return credit;
  });
  return {
    scored: true,
    score: totalScore(required, niceToHave, seniority, location, salary),
    terms,
    skills,
  };
}

export interface SkillGapEntry {
  skill: SkillRef;
  required: boolean;
  requiredLevel: number;
  candidateLevel: number | null;
  match: MatchKind | null;
  via?: SkillRef;
  /** Points the skill adds now. */
  points: number;
  /** Points the score would gain if the skill were fully met. */
  impact: number;
}

export interface SkillGap {
  /** Fully met, most valuable first. */
  matched: SkillGapEntry[];
  /** Level too low, or only an implied or related skill; biggest gain first. */
  partial: SkillGapEntry[];
  missingRequired: SkillGapEntry[];
  missingNiceToHave: SkillGapEntry[];
}

function byImpact(a: SkillGapEntry, b: SkillGapEntry): number {
  return b.impact - a.impact || b.points - a.points || a.skill.name.localeCompare(b.skill.name);
}

/** What the candidate has, nearly has and lacks for `posting`, each list ordered by what it is worth. */
export function skillGapFor(posting: MatchPosting, profile: MatchProfile): SkillGap {
  return gapFromEvaluation(evaluateSkills(posting, profile));
}

function gapFromEvaluation(evaluation: Evaluation): SkillGap {
  const gap: SkillGap = { matched: [], partial: [], missingRequired: [], missingNiceToHave: [] };
  for (const entry of evaluation.requirements) {
    const item: SkillGapEntry = {
      skill: canonicalRef(entry.requirement.skill.id, entry.requirement.skill),
      required: entry.required,
      requiredLevel: entry.level,
      candidateLevel: entry.result.candidateLevel,
      match: entry.result.match,
      points: round2(entry.points),
      impact: round2(entry.missingPoints),
    };
    if (entry.result.via) item.via = entry.result.via;
    if (entry.result.credit >= 1) gap.matched.push(item);
    else if (entry.result.credit > 0) gap.partial.push(item);
    else if (entry.required) gap.missingRequired.push(item);
    else gap.missingNiceToHave.push(item);
  }
  gap.matched.sort((a, b) => b.points - a.points || a.skill.name.localeCompare(b.skill.name));
  gap.partial.sort(byImpact);
  gap.missingRequired.sort(byImpact);
  gap.missingNiceToHave.sort(byImpact);
  return gap;
}

export interface MatchSummary {
  score: number | null;
  /** Up to three skills that would raise the score most: missing required, then partial, then nice-to-have. */
  topMissing: SkillRef[];
  /** Required skills fully met. */
  matchedCount: number;
  requiredCount: number;
}

/** A small JSON summary for lists and stored match records. */
export function summarizeMatch(result: MatchResult, gap: SkillGap): MatchSummary {
  const requiredPartial = gap.partial.filter((entry) => entry.required);
  const topMissing = [...gap.missingRequired, ...requiredPartial, ...gap.missingNiceToHave]
    .slice(0, 3)
    .map((entry) => entry.skill);
  const requiredCount = [gap.matched, gap.partial, gap.missingRequired].reduce(
    (count, list) => count + list.filter((entry) => entry.required).length,
    0,
  );
  return {
    score: result.scored ? result.score : null,
    topMissing,
    matchedCount: gap.matched.filter((entry) => entry.required).length,
    requiredCount,
  };
}

export interface MatchExplanation {
  result: MatchResult;
  gap: SkillGap;
  summary: MatchSummary;
}

/**
 * Score, gap and summary of one pair from a single evaluation of its skills: what every read and
 * write path uses, so a pair is never evaluated twice for one answer. A profile without skills gets no
 * score, and a gap in which every skill is missing.
 */
export function explainMatch(posting: MatchPosting, profile: MatchProfile): MatchExplanation {
  const evaluation = evaluateSkills(posting, profile);
  const result: MatchResult =
    profile.skills.length === 0
      ? { scored: false, reason: NO_SKILLS_REASON }
      : scoreFromEvaluation(posting, profile, evaluation);
  const gap = gapFromEvaluation(evaluation);
  return { result, gap, summary: summarizeMatch(result, gap) };
}
