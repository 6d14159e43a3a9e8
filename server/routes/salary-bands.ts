import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { notFound } from '../errors.ts';
import { SalaryBand, errorResponses } from '../schemas/common.ts';
import { BandPosition, BandPreviewBody, SalaryBandQuery } from '../schemas/listing.ts';

const STILL_COMPUTING = 'Salary band (the market data is still being computed)';

const salaryBandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['salary'],
        summary: 'Market salary band',
        description:
          'Yearly p25, median and p75 pay of back-end developers in a segment (seniority, country, skill, ' +
          'remote) from survey data and postings, in `currency` (else the country’s pay currency, or USD). ' +
          'Filters too thin for a reliable band are dropped, as `dropped` says; with none reliable, ' +
          '`band: null` and a `reason`. Anonymous; 404 while the market data is first computed.',
        querystring: SalaryBandQuery,
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
        summary: 'Preview a listing’s band',
        description:
          'The band a listing being written would be shown against, and where its salary range sits in it, ' +
          'before it is saved (the listing editor’s live band). Anonymous; 404 while the market data is ' +
          'first computed.',
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
