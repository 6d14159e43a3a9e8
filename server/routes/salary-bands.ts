import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { notFound } from '../errors.ts';
import {
  CountryCode,
  CurrencyCode,
  RemotePolicy,
  SalaryBand,
  Seniority,
  SkillName,
  errorResponses,
} from '../schemas/common.ts';
import { BandPosition, BandPreviewBody } from '../schemas/listing.ts';

const STILL_COMPUTING = 'Salary band (the market data is still being computed)';

const salaryBandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['salary'],
        querystring: Type.Object(
          {
            seniority: Type.Optional(Seniority),
            country: Type.Optional(CountryCode),
            skill: Type.Optional(SkillName),
            remote: Type.Optional(RemotePolicy),
            currency: Type.Optional(CurrencyCode),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            band: Type.Union([SalaryBand, Type.Null()]),
            reason: Type.Optional(Type.String({ description: 'why there is no reliable band' })),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const answer = await app.services.salary.bandFor(request.query);
      if (!answer) throw notFound(STILL_COMPUTING);
      return answer.band ? { band: answer.band } : { band: null, reason: answer.reason };
    },
  );

  // The listing editor's live band: the posting's own query on the same table, before it is saved.
  app.post(
    '/preview',
    {
      schema: {
        tags: ['salary'],
        body: BandPreviewBody,
        response: {
          200: Type.Object({
            band: Type.Union([SalaryBand, Type.Null()]),
            position: Type.Union([BandPosition, Type.Null()]),
            reason: Type.Optional(Type.String()),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const preview = await app.services.salary.previewBand(request.body);
      if (!preview) throw notFound(STILL_COMPUTING);
      return preview;
    },
  );
};

export default salaryBandRoutes;
