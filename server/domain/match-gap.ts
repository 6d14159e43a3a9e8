/** The skill gap and the short summary, from the same evaluation the score reads. */
import type { SkillRef } from './skill-ref.ts';
import {
  type Evaluation,
  type MatchKind,
  type RelationKind,
  type ScoreParts,
  canonicalRef,
} from './match-evaluation.ts';
import { niceToHavePoints, rawScore, requiredPoints, skillGate } from './match-rules.ts';

export interface SkillGapEntry {
  skill: SkillRef;
  required: boolean;
  requiredLevel: number;
  candidateLevel: number | null;
  match: MatchKind | null;
  via?: SkillRef;
  relation?: RelationKind;
  /** Points the skill adds now. */
  points: number;
  /** Points the score would gain if the skill were fully met (with the terms it unlocks). */
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

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function byImpact(a: SkillGapEntry, b: SkillGapEntry): number {
  return b.impact - a.impact || b.points - a.points || a.skill.name.localeCompare(b.skill.name);
}

/** What the whole score would gain if one requirement were fully met, all else equal. */
function gainIfMet(
  evaluation: Evaluation,
  parts: ScoreParts,
  required: boolean,
  missingWeightedCredit: number,
): number {
  const now = rawScore(
    parts.required,
    parts.niceToHave,
    parts.seniority,
    parts.location,
    parts.salary,
    parts.gate,
  );
  const requiredCredit = evaluation.requiredWeightedCredit + (required ? missingWeightedCredit : 0);
  const niceCredit = evaluation.niceWeightedCredit + (required ? 0 : missingWeightedCredit);
  const after = rawScore(
    requiredPoints(requiredCredit, evaluation.requiredWeight, evaluation.requiredCount),
    niceToHavePoints(niceCredit, evaluation.niceWeight),
    parts.seniority,
    parts.location,
    parts.salary,
    skillGate(requiredCredit, evaluation.requiredWeight),
  );
  return after - now;
}

export function gapFromEvaluation(evaluation: Evaluation, parts: ScoreParts): SkillGap {
  const gap: SkillGap = { matched: [], partial: [], missingRequired: [], missingNiceToHave: [] };
  for (const entry of evaluation.requirements) {
    const item: SkillGapEntry = {
      skill: canonicalRef(entry.requirement.skill.id, entry.requirement.skill),
      required: entry.required,
      requiredLevel: entry.level,
      candidateLevel: entry.result.candidateLevel,
      match: entry.result.match,
      points: round2(entry.points),
      impact: round2(gainIfMet(evaluation, parts, entry.required, entry.weight * (1 - entry.result.credit))),
    };
    if (entry.result.via) item.via = entry.result.via;
    if (entry.result.relation) item.relation = entry.result.relation;
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
  /** Ids among `topMissing` the candidate has, at a level below the one asked: "level up", not "missing". */
  belowLevel?: string[];
}

/** A small JSON summary for lists and stored match records. */
export function summarizeMatch(
  result: { scored: true; score: number } | { scored: false },
  gap: SkillGap,
): MatchSummary {
  const requiredPartial = gap.partial.filter((entry) => entry.required);
  const top = [...gap.missingRequired, ...requiredPartial, ...gap.missingNiceToHave].slice(0, 3);
  const topMissing = top.map((entry) => entry.skill);
  const belowLevel = top.filter((entry) => entry.match === 'below-level').map((entry) => entry.skill.id);
  const requiredCount = [gap.matched, gap.partial, gap.missingRequired].reduce(
    (count, list) => count + list.filter((entry) => entry.required).length,
    0,
  );
  return {
    score: result.scored ? result.score : null,
    topMissing,
    matchedCount: gap.matched.filter((entry) => entry.required).length,
    requiredCount,
    ...(belowLevel.length > 0 ? { belowLevel } : {}),
  };
}
