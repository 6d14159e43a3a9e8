import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { notFound } from '../errors.ts';
import {
  CountryCode,
  CurrencyCode,
  SalaryBand,
  Seniority,
  SkillName,
  errorResponses,
} from '../schemas/common.ts';

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
            currency: Type.Optional(CurrencyCode),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ band: SalaryBand }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const band = await app.services.salary.bandFor(request.query);
      if (!band) throw notFound('Salary band (the market data is still being computed)');
      return { band };
    },
  );
};

export default salaryBandRoutes;
