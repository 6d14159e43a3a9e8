import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { extractSkills } from '../domain/extraction.ts';
import { suggestSkills } from '../domain/skills.ts';
import { findSkillId } from '../domain/taxonomy.ts';
import { SkillRef, errorResponses } from '../schemas/common.ts';
import { ExtractBody, SkillSuggestQuery } from '../schemas/skills.ts';

const skillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['skills'],
        summary: 'Suggest skills',
        description:
          'Autocomplete: skills of the taxonomy whose name or alias starts with `q`, then those within a ' +
          'typo of it, best first; `exact` marks the skill `q` names. Anonymous.',
        querystring: SkillSuggestQuery,
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
        summary: 'Find skills in text',
        description:
          'The taxonomy’s skills named in a text (a posting or a CV), each with where it was found and, ' +
          'when the text states years ("5+ years of Go"), a level. Anonymous; 60 requests a minute per client.',
        body: ExtractBody,
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
