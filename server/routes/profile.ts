import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Profile } from '../adapters/store/port.ts';
import { PageQuery, errorResponses } from '../schemas/common.ts';
import { RecommendationsResponse } from '../schemas/candidates.ts';
import Type from 'typebox';
import { listingAnswerer } from './listing-answer.ts';
import { ProfileBody, ProfileResponse, type ProfileAnswer } from '../schemas/profile.ts';

export function profileAnswer(profile: Profile): ProfileAnswer {
  return {
    id: profile.id,
    headline: profile.headline,
    yearsExperience: profile.yearsExperience,
    seniority: profile.seniority,
    location: profile.location,
    remote: profile.remote,
    expectedSalary: profile.expectedSalary,
    skills: profile.skills,
    discoverable: profile.discoverable,
    version: profile.version,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
  };
}

const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { profiles, matching } = app.services;
  const answer = listingAnswerer(app.services.salary);
  const candidate = app.authorize('candidate');

  app.get(
    '/profile',
    {
      onRequest: candidate,
      schema: {
        tags: ['profile'],
        summary: 'Your profile',
        description: 'Your candidate profile, or `profile: null` before you first save one. Candidates only.',
        response: { 200: ProfileResponse, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const profile = await profiles.get(request.viewer!);
      return { profile: profile ? profileAnswer(profile) : null };
    },
  );

  app.put(
    '/profile',
    {
      onRequest: candidate,
      schema: {
        tags: ['profile'],
        summary: 'Save your profile',
        description:
          'Replaces your whole profile (fields left out take their defaults), skills by name with a level ' +
          'or years. With `version`, a stale one answers 409; saving what is there writes nothing. The ' +
          'salary expectation is never shown to companies. Candidates only.',
        body: ProfileBody,
        response: { 200: ProfileResponse, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => ({ profile: profileAnswer(await profiles.save(request.viewer!, request.body)) }),
  );

  app.get(
    '/recommendations',
    {
      onRequest: candidate,
      schema: {
        tags: ['matching'],
        summary: 'Recommended listings',
        description:
          'Open listings that best match your profile, best first, as the match job last ranked them; ' +
          'paginated. `pending` while your latest profile is being matched; without skills, empty with ' +
          'a `reason`. Candidates only.',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: RecommendationsResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const result = await matching.recommendationsFor(request.viewer!, request.query);
      const items = await Promise.all(
        result.items.map(async (item) => ({
          listing: await answer(item.listing),
          score: item.score,
          summary: item.summary,
        })),
      );
      return { ...result, items };
    },
  );
};

export default profileRoutes;
