import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Listing } from '../adapters/store/port.ts';
import { IdParams, PageOf, errorResponses } from '../schemas/common.ts';
import {
  ListingCreateBody,
  ListingPatchBody,
  ListingResponse,
  Listing as ListingSchema,
  MineQuery,
  type ListingAnswer,
} from '../schemas/listing.ts';

const listingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { listings, salary } = app.services;
  const recruiter = app.authorize('recruiter');
  const manager = app.authorize('recruiter', 'admin');

  async function answer(listing: Listing): Promise<ListingAnswer> {
    const band = await salary.bandForListing(listing);
    return {
      id: listing.id,
      title: listing.title,
      description: listing.description,
      location: listing.location,
      remote: listing.remote,
      employmentType: listing.employmentType,
      seniority: listing.seniority,
      salary: { ...listing.salary, estimated: listing.salary.estimated ?? false },
      requiredSkills: listing.requiredSkills,
      niceToHaveSkills: listing.niceToHaveSkills,
      status: listing.status,
      company: listing.company,
      companyId: listing.companyId,
      version: listing.version,
      createdAt: listing.createdAt,
      updatedAt: listing.updatedAt,
      salaryBand: band.band,
      salaryPosition: band.position,
    };
  }

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
      return { items: await Promise.all(result.items.map(answer)), total: result.total, page, limit };
    },
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
    async (request) => ({
      listing: await answer(await listings.findVisible(request.viewer, request.params.id)),
    }),
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
