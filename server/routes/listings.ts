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
import { listingAnswerer, searchHitsAnswerer, viewerStates } from './listing-answer.ts';

const listingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { listings, matching, search } = app.services;
  const answer = listingAnswerer(app.services.salary);
  const readViewerStates = viewerStates(app.services);
  const answerHits = searchHitsAnswerer(app.services);
  const recruiter = app.authorize('recruiter');
  const manager = app.authorize('recruiter', 'admin');

  app.post(
    '/',
    {
      onRequest: recruiter,
      schema: {
        tags: ['listings'],
        summary: 'Post a listing',
        description:
          'Publishes an open listing for your company, skills given by name (matched to the taxonomy). ' +
          'It is indexed for search and matched to candidates in the background. Recruiters with a company only.',
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
        summary: 'Your company’s listings',
        description:
          'Your company’s listings, open and closed, last changed first, each with its applications per ' +
          'stage; paginated by `page` and `limit`. `mine=true` is required. Recruiters only.',
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
        summary: 'Search open listings',
        description:
          'Full-text search over open listings, with filters, facet counts and highlights; paginated. A ' +
          'filter takes comma-separated values (any of them matches; `skills` needs all), filters combine. ' +
          'Anonymous or signed in; a candidate also gets a match summary per hit and may sort by `match` ' +
          '(their best matches among the 300 most relevant), which answers 400 to anyone else.',
        querystring: SearchQuerystring,
        response: { 200: SearchResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const result = await search.searchListings(request.viewer, request.query);
      return { ...result, items: await answerHits(request.viewer, result.items) };
    },
  );

  app.get(
    '/:id/match',
    {
      onRequest: app.authorize('candidate'),
      schema: {
        tags: ['matching'],
        summary: 'Your match with a listing',
        description:
          'How your profile matches this listing, computed now: score, its terms, each skill’s credit and ' +
          'the gap. Without skills in your profile, `scored: false` with a reason. Candidates only.',
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
        summary: 'Candidates for a listing',
        description:
          'The discoverable candidates who best match this listing (of the top 200 the match job keeps), ' +
          'best first, with their gaps and when you invited them; never contact details or salary ' +
          'expectations. Paginated; `pending` while its latest version is being matched. The listing’s ' +
          'company or an admin.',
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
        summary: 'One listing',
        description:
          'A listing with the market band its salary is shown against. Open listings to anyone; a closed ' +
          'one only to its company, admins and the candidates who applied to it or saved it (404 to the ' +
          'rest). A signed-in candidate also sees whether they saved it or applied.',
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
        summary: 'Edit a listing',
        description:
          'Changes the fields given and leaves the rest. With `version`, a stale one answers 409 (another ' +
          'edit came first); an edit that changes nothing writes nothing. The listing’s company or an admin.',
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
        summary: 'Delete a listing',
        description:
          'Deletes the listing and takes it out of search; its applications stay, without the posting. ' +
          'The listing’s company or an admin.',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await listings.remove(request.viewer!, request.params.id);
      return reply.status(204).send(null);
    },
  );

  for (const [action, status, summary, description] of [
    [
      'close',
      'closed',
      'Close a listing',
      'Closes the listing: it leaves search and takes no more applications, and its open applicants ' +
        'are told. Closing a closed listing changes nothing. The listing’s company or an admin.',
    ],
    [
      'reopen',
      'open',
      'Reopen a listing',
      'Opens a closed listing again, back in search and taking applications. Reopening an open ' +
        'listing changes nothing. The listing’s company or an admin.',
    ],
  ] as const) {
    app.post(
      `/:id/${action}`,
      {
        onRequest: manager,
        schema: {
          tags: ['listings'],
          summary,
          description,
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
