import Type from 'typebox';
import { SkillRef } from './common.ts';

const MatchKind = Type.Union([
  Type.Literal('exact'),
  Type.Literal('alias'),
  Type.Literal('implied'),
  Type.Literal('related'),
  Type.Literal('below-level'),
]);

const RelationKind = Type.Union([
  Type.Literal('related'),
  Type.Literal('language'),
  Type.Literal('platform'),
  Type.Literal('neighbour'),
]);

export const MatchTerm = Type.Object({
  key: Type.String(),
  label: Type.String(),
  points: Type.Number(),
  maxPoints: Type.Number(),
  detail: Type.String(),
});

export const SkillCredit = Type.Object({
  skill: SkillRef,
  required: Type.Boolean(),
  weight: Type.Number(),
  requiredLevel: Type.Integer(),
  candidateLevel: Type.Union([Type.Number(), Type.Null()]),
  match: Type.Union([MatchKind, Type.Null()]),
  via: Type.Optional(SkillRef),
  relation: Type.Optional(RelationKind),
  credit: Type.Number(),
  points: Type.Number(),
});

export const MatchResult = Type.Object({
  scored: Type.Boolean(),
  score: Type.Optional(Type.Number()),
  reason: Type.Optional(Type.String()),
  terms: Type.Optional(Type.Array(MatchTerm)),
  skills: Type.Optional(Type.Array(SkillCredit)),
});

const GapEntry = Type.Object({
  skill: SkillRef,
  required: Type.Boolean(),
  requiredLevel: Type.Integer(),
  candidateLevel: Type.Union([Type.Number(), Type.Null()]),
  match: Type.Union([MatchKind, Type.Null()]),
  via: Type.Optional(SkillRef),
  relation: Type.Optional(RelationKind),
  points: Type.Number(),
  impact: Type.Number(),
});

export const SkillGap = Type.Object({
  matched: Type.Array(GapEntry),
  partial: Type.Array(GapEntry),
  missingRequired: Type.Array(GapEntry),
  missingNiceToHave: Type.Array(GapEntry),
});

export const MatchSummary = Type.Object({
  score: Type.Union([Type.Number(), Type.Null()]),
  topMissing: Type.Array(SkillRef),
  matchedCount: Type.Integer(),
  requiredCount: Type.Integer(),
  belowLevel: Type.Optional(Type.Array(Type.String())),
});

export const MatchResponse = Type.Object({
  match: MatchResult,
  gap: Type.Union([SkillGap, Type.Null()]),
  summary: Type.Union([MatchSummary, Type.Null()]),
});
