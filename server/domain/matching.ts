/**
 * The match score of a candidate for a posting, explained term by term, and the skill gap beside it.
 * The skill half is evaluated once (match-evaluation.ts); rules and a worked example: docs/matching.md.
 */
import type { RemotePolicy, SalaryPeriod, Seniority } from '../shared/vocabulary.ts';
import type { SkillRef } from './skill-ref.ts';
import {
  EVIDENCE_REQUIREMENTS,
  LOCATION_POINTS,
  NICE_TO_HAVE_POINTS,
  REQUIRED_POINTS,
  SALARY_POINTS,
  SALARY_TOLERANCE,
  SENIORITY_POINTS,
  SKILL_GATE,
  evidenceFactor,
  gatedPoints,
  totalScore,
} from './match-rules.ts';
import {
  type EvaluatedRequirement,
  type Evaluation,
  type MatchKind,
  type MatchPosting,
  type MatchProfile,
  type RelationKind,
  type ScoreParts,
  canonicalRef,
  evaluateSkills,
  scoreParts,
} from './match-evaluation.ts';
import { type MatchSummary, type SkillGap, gapFromEvaluation, summarizeMatch } from './match-gap.ts';

export type { RemotePolicy, SalaryPeriod, Seniority };
export type {
  MatchKind,
  MatchPosting,
  MatchProfile,
  ProfileSkillInput,
  RelationKind,
  Requirement,
} from './match-evaluation.ts';
export { annualUsdOrNaN } from './match-evaluation.ts';
export type { MatchSummary, SkillGap, SkillGapEntry } from './match-gap.ts';
export { summarizeMatch };

export type MatchTermKey = 'required-skills' | 'nice-to-have-skills' | 'seniority' | 'location' | 'salary';

export interface MatchTerm {
  key: MatchTermKey;
  label: string;
  /** Points earned, rounded to 2 decimals; the score sums the unrounded values. Penalties are negative. */
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
  /** For a related match, the rule that linked them: reviewed edge, language, platform, neighbour. */
  relation?: RelationKind;
  /** 0–1. */
  credit: number;
  /** Points this skill adds to the score, rounded to 2 decimals. */
  points: number;
}

export type MatchResult =
  | { scored: true; score: number; terms: MatchTerm[]; skills: SkillCredit[] }
  | { scored: false; reason: string };

export const NO_SKILLS_REASON = 'Add your skills to your profile to see how well you match this posting.';

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const SENIORITY_NAMES: readonly string[] = ['junior', 'mid', 'senior', 'staff or lead'];

function describeCount(evaluated: EvaluatedRequirement[]): string {
  const full = evaluated.filter((entry) => entry.result.credit >= 1).length;
  const partial = evaluated.filter((entry) => entry.result.credit > 0 && entry.result.credit < 1).length;
  return `${full} of ${evaluated.length} met, ${partial} partly`;
}

function requiredDetail(requiredList: EvaluatedRequirement[], evaluation: Evaluation): string {
  if (evaluation.requiredCount === 0) {
    return 'The posting lists no required skills, so there are no skills to match on';
  }
  const count = describeCount(requiredList);
  if (evaluation.requiredCount >= EVIDENCE_REQUIREMENTS) return count;
  const share = Math.round(evidenceFactor(evaluation.requiredCount) * 100);
  return `${count}; the posting lists only ${evaluation.requiredCount} required skill, so skills count for ${share}%`;
}

/** Why a non-skill term counts in part: the candidate meets too few of the required skills. */
function gateNote(points: number, parts: ScoreParts): string {
  if (parts.gate >= 1 || points <= 0) return '';
  return `; counts ${Math.round(parts.gate * 100)}% as the required skills are ${Math.round(parts.gate * SKILL_GATE * 100)}% met`;
}

function locationDetail(posting: MatchPosting, profile: MatchProfile, parts: ScoreParts): string {
  const base = `${posting.remote} posting; ${parts.fit.replace('-', ' ')}; preference ${profile.remote ?? 'not stated'}`;
  if (parts.location < 0) return `${base}; the candidate would have to relocate from abroad`;
  return base + gateNote(parts.location, parts);
}

function salaryDetail(parts: ScoreParts): string {
  const { expectedUsd, postingMaxUsd } = parts;
  if (Number.isNaN(expectedUsd)) return 'No comparable expectation stated';
  if (expectedUsd <= postingMaxUsd || Number.isNaN(postingMaxUsd)) {
    return 'Expectation within the posted range' + gateNote(parts.salary, parts);
  }
  const over = Math.round((expectedUsd / postingMaxUsd - 1) * 100);
  if (parts.salary < 0) {
    return `Expectation ${over}% above the posted maximum: beyond ${SALARY_TOLERANCE * 100}% over, it costs points in proportion to the gap`;
  }
  return `Expectation ${over}% above the posted maximum` + gateNote(parts.salary, parts);
}

/**
 * How well `profile` fits `posting`, 0–100 with one decimal, explained term by term. Deterministic: a
 * pure function of the two inputs and the taxonomy. A profile without skills gets no score.
 */
export function scoreCandidate(posting: MatchPosting, profile: MatchProfile): MatchResult {
  if (profile.skills.length === 0) return { scored: false, reason: NO_SKILLS_REASON };
  const evaluation = evaluateSkills(posting, profile);
  return scoreFromEvaluation(posting, profile, evaluation, scoreParts(posting, profile, evaluation));
}

function scoreFromEvaluation(
  posting: MatchPosting,
  profile: MatchProfile,
  evaluation: Evaluation,
  parts: ScoreParts,
): MatchResult {
  const requiredList = evaluation.requirements.filter((entry) => entry.required);
  const niceList = evaluation.requirements.filter((entry) => !entry.required);
  const terms: MatchTerm[] = [
    {
      key: 'required-skills',
      label: 'Required skills',
      points: round2(parts.required),
      maxPoints: REQUIRED_POINTS,
      detail: requiredDetail(requiredList, evaluation),
    },
    {
      key: 'nice-to-have-skills',
      label: 'Nice-to-have bonus',
      points: round2(parts.niceToHave),
      maxPoints: NICE_TO_HAVE_POINTS,
      detail:
        niceList.length === 0
          ? 'No nice-to-have skills'
          : `${describeCount(niceList)}; a bonus, missing ones cost nothing`,
    },
    {
      key: 'seniority',
      label: 'Seniority',
      points: round2(gatedPoints(parts.seniority, parts.gate)),
      maxPoints: SENIORITY_POINTS,
      detail: `Posting ${posting.seniority}; candidate ${SENIORITY_NAMES[parts.candidateRank]}${profile.seniority === null ? ` (from ${profile.yearsExperience} years)` : ''}${gateNote(parts.seniority, parts)}`,
    },
    {
      key: 'location',
      label: 'Location and remote',
      points: round2(gatedPoints(parts.location, parts.gate)),
      maxPoints: LOCATION_POINTS,
      detail: locationDetail(posting, profile, parts),
    },
    {
      key: 'salary',
      label: 'Salary',
      points: round2(gatedPoints(parts.salary, parts.gate)),
      maxPoints: SALARY_POINTS,
      detail: salaryDetail(parts),
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
    if (entry.result.relation) credit.relation = entry.result.relation;
    return credit;
  });
  return {
    scored: true,
    score: totalScore(
      parts.required,
      parts.niceToHave,
      parts.seniority,
      parts.location,
      parts.salary,
      parts.gate,
    ),
    terms,
    skills,
  };
}

/** What the candidate has, nearly has and lacks for `posting`, each list ordered by what it is worth. */
export function skillGapFor(posting: MatchPosting, profile: MatchProfile): SkillGap {
  const evaluation = evaluateSkills(posting, profile);
  return gapFromEvaluation(evaluation, scoreParts(posting, profile, evaluation));
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
  const parts = scoreParts(posting, profile, evaluation);
  const result: MatchResult =
    profile.skills.length === 0
      ? { scored: false, reason: NO_SKILLS_REASON }
      : scoreFromEvaluation(posting, profile, evaluation, parts);
  const gap = gapFromEvaluation(evaluation, parts);
  return { result, gap, summary: summarizeMatch(result, gap) };
}
