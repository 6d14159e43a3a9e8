import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { extractSkills } from '../domain/extraction.ts';
import { suggestSkills } from '../domain/skills.ts';
import { findSkillId } from '../domain/taxonomy.ts';
import { SkillRef, errorResponses } from '../schemas/common.ts';

const skillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['skills'],
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 80 }),
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              // `exact`: the query is this skill's name or an alias, so it may be saved as typed.
              Type.Object({ ...SkillRef.properties, exact: Type.Optional(Type.Boolean()) }),
            ),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const exactId = findSkillId(request.query.q);
      return {
        items: suggestSkills(request.query.q, request.query.limit).map((skill) =>
          skill.id === exactId ? { ...skill, exact: true } : skill,
        ),
      };
    },
  );

  app.post(
    '/extract',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['skills'],
        body: Type.Object({ text: Type.String({ maxLength: 100_000 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                skill: SkillRef,
                start: Type.Integer(),
                end: Type.Integer(),
                text: Type.String(),
                kind: Type.Union([Type.Literal('technology'), Type.Literal('practice')]),
                level: Type.Optional(Type.Integer()),
              }),
            ),
          }),
          ...errorResponses(400, 413, 429),
        },
      },
    },
    async (request) => ({ items: extractSkills(request.body.text) }),
  );
};

export default skillRoutes;
