import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { IdParams, PageOf, errorResponses } from '../schemas/common.ts';
import {
  ListingCreateBody,
  ListingPatchBody,
  ListingResponse,
  Listing as ListingSchema,
  MineQuery,
} from '../schemas/listing.ts';
import { MatchResponse } from '../schemas/matching.ts';
import { SearchQuerystring, SearchResponse } from '../schemas/search.ts';
import { CandidatesQuery, CandidatesResponse } from '../schemas/candidates.ts';
import { listingAnswerer, viewerStates } from './listing-answer.ts';

const listingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { listings, matching, search } = app.services;
  const answer = listingAnswerer(app.services.salary);
  const readViewerStates = viewerStates(app.services);
  const recruiter = app.authorize('recruiter');
  const manager = app.authorize('recruiter', 'admin');

  app.post(
    '/',
    {
      onRequest: recruiter,
      schema: {
        tags: ['listings'],
        body: ListingCreateBody,
        response: { 201: ListingResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ listing: await answer(await listings.create(request.viewer!, request.body)) }),
  );

  app.get(
    '/',
    {
      onRequest: recruiter,
      schema: {
        tags: ['listings'],
        querystring: MineQuery,
        response: { 200: PageOf(ListingSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const result = await listings.listMine(request.viewer!, { page, limit });
      const counts = await app.services.applications.countsByStage(result.items.map((l) => l.id));
      const items = await Promise.all(
        result.items.map(async (listing) => ({
          ...(await answer(listing)),
          applicationCounts: counts.get(listing.id) ?? {},
        })),
      );
      return { items, total: result.total, page, limit };
    },
  );

  app.get(
    '/search',
    {
      onRequest: (request) => app.identify(request),
      schema: {
        tags: ['search'],
        querystring: SearchQuerystring,
        response: { 200: SearchResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const result = await search.searchListings(request.viewer, request.query);
      const stateOf = await readViewerStates(
        request.viewer,
        result.items.map((item) => item.listing.id),
      );
      const items = await Promise.all(
        result.items.map(async (item) => ({
          listing: { ...(await answer(item.listing)), ...stateOf(item.listing.id) },
          highlights: item.highlights,
          match: item.match,
        })),
      );
      return { ...result, items };
    },
  );

  app.get(
    '/:id/match',
    {
      onRequest: app.authorize('candidate'),
      schema: {
        tags: ['matching'],
        params: IdParams,
        response: { 200: MatchResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => matching.matchFor(request.viewer!, request.params.id),
  );

  app.get(
    '/:id/candidates',
    {
      onRequest: manager,
      schema: {
        tags: ['matching'],
        params: IdParams,
        querystring: CandidatesQuery,
        response: { 200: CandidatesResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => matching.candidatesFor(request.viewer!, request.params.id, request.query),
  );

  app.get(
    '/:id',
    {
      onRequest: (request) => app.identify(request),
      schema: {
        tags: ['listings'],
        params: IdParams,
        response: { 200: ListingResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const listing = await listings.findVisible(request.viewer, request.params.id);
      const stateOf = await readViewerStates(request.viewer, [listing.id]);
      return { listing: { ...(await answer(listing)), ...stateOf(listing.id) } };
    },
  );

  app.patch(
    '/:id',
    {
      onRequest: manager,
      schema: {
        tags: ['listings'],
        params: IdParams,
        body: ListingPatchBody,
        response: { 200: ListingResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      listing: await answer(await listings.update(request.viewer!, request.params.id, request.body)),
    }),
  );

  app.delete(
    '/:id',
    {
      onRequest: manager,
      schema: {
        tags: ['listings'],
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await listings.remove(request.viewer!, request.params.id);
      return reply.status(204).send(null);
    },
  );

  for (const [action, status] of [
    ['close', 'closed'],
    ['reopen', 'open'],
  ] as const) {
    app.post(
      `/:id/${action}`,
      {
        onRequest: manager,
        schema: {
          tags: ['listings'],
          params: IdParams,
          response: { 200: ListingResponse, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => ({
        listing: await answer(await listings.setStatus(request.viewer!, request.params.id, status)),
      }),
    );
  }
};

export default listingRoutes;
