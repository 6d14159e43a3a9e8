import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Profile } from '../adapters/store/port.ts';
import { errorResponses } from '../schemas/common.ts';
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
  const { profiles } = app.services;
  const candidate = app.authorize('candidate');

  app.get(
    '/profile',
    {
      onRequest: candidate,
      schema: { tags: ['profile'], response: { 200: ProfileResponse, ...errorResponses(401, 403) } },
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
        body: ProfileBody,
        response: { 200: ProfileResponse, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => ({ profile: profileAnswer(await profiles.save(request.viewer!, request.body)) }),
  );
};

export default profileRoutes;
