import Type from 'typebox';
import { Listing } from './listing.ts';
import { PageQuery, RemotePolicy, Seniority } from './common.ts';
import { MatchSummary, SkillGap } from './matching.ts';

export const CandidatesQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const CandidatesResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      profileId: Type.String(),
      name: Type.String(),
      headline: Type.String(),
      seniority: Type.Union([Seniority, Type.Null()]),
      yearsExperience: Type.Number(),
      location: Type.Union([Type.Object({ country: Type.String(), city: Type.String() }), Type.Null()]),
      remote: Type.Union([RemotePolicy, Type.Null()]),
      score: Type.Number(),
      summary: MatchSummary,
      gap: SkillGap,
      /** When this company invited the candidate to apply to this listing; null if it has not. */
      invitedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  limit: Type.Integer(),
  /** True while the listing's latest version is still being matched. */
  pending: Type.Boolean(),
});

export const RecommendationsResponse = Type.Object({
  items: Type.Array(Type.Object({ listing: Listing, score: Type.Number(), summary: MatchSummary })),
  total: Type.Integer(),
  page: Type.Integer(),
  limit: Type.Integer(),
  pending: Type.Boolean(),
  /** Why there are no recommendations (an empty profile), or null. */
  reason: Type.Union([Type.String(), Type.Null()]),
});
