import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { IdParams, PageQuery, errorResponses } from '../schemas/common.ts';
import {
  ApplicationChangeBody,
  ApplicationsQuery,
  ApplyBody,
  CandidateApplicationResponse,
  CandidateApplicationsPage,
  CompanyApplicationResponse,
  CompanyApplicationsPage,
  InvitationResponse,
  InviteBody,
  ListingIdParams,
  SavedPage,
  SavedResponse,
} from '../schemas/hiring.ts';
import { candidateApplicationAnswer, companyApplicationAnswer } from './application-answer.ts';
import { listingAnswerer } from './listing-answer.ts';

const PageQueryOnly = Type.Object({ ...PageQuery }, { additionalProperties: false });

/** Saved postings, applying, the candidate's tracker, the company's pipeline and invitations. */
const hiringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { applications, invitations, saved } = app.services;
  const answer = listingAnswerer(app.services.salary);
  const candidate = app.authorize('candidate');
  const company = app.authorize('recruiter', 'admin');

  app.get(
    '/me/saved',
    {
      onRequest: candidate,
      schema: {
        tags: ['hiring'],
        description: 'The postings you saved, newest first; closed ones stay, marked closed.',
        querystring: PageQueryOnly,
        response: { 200: SavedPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await saved.list(request.viewer!, request.query);
      const items = await Promise.all(
        page.items.map(async (item) => ({ savedAt: item.savedAt, listing: await answer(item.listing) })),
      );
      return { ...page, items };
    },
  );

  app.put(
    '/me/saved/:listingId',
    {
      onRequest: candidate,
      schema: {
        tags: ['hiring'],
        description: 'Saves a posting (saving it again changes nothing).',
        params: ListingIdParams,
        response: { 200: SavedResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const record = await saved.save(request.viewer!, request.params.listingId);
      return { saved: { listingId: record.listingId, savedAt: record.savedAt } };
    },
  );

  app.delete(
    '/me/saved/:listingId',
    {
      onRequest: candidate,
      schema: {
        tags: ['hiring'],
        description: 'Forgets a saved posting.',
        params: ListingIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await saved.remove(request.viewer!, request.params.listingId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/listings/:id/applications',
    {
      onRequest: candidate,
      schema: {
        tags: ['hiring'],
        description:
          'Applies to an open posting with an optional note. Reveals your name and email to that ' +
          'listing’s company only; never your salary expectation. Applying twice, or to a closed ' +
          'posting, answers 409.',
        params: IdParams,
        body: ApplyBody,
        response: { 201: CandidateApplicationResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { application, listing } = await applications.apply(
        request.viewer!,
        request.params.id,
        request.body.note,
      );
      return reply.status(201).send({ application: candidateApplicationAnswer(application, listing) });
    },
  );

  app.get(
    '/me/applications',
    {
      onRequest: candidate,
      schema: {
        tags: ['hiring'],
        description: 'Your applications, newest first, each with its posting, stage and timeline.',
        querystring: PageQueryOnly,
        response: { 200: CandidateApplicationsPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await applications.mine(request.viewer!, request.query);
      return {
        items: page.items.map((item) => candidateApplicationAnswer(item.application, item.listing)),
        total: page.total,
        page: request.query.page,
        limit: request.query.limit,
      };
    },
  );

  app.post(
    '/me/applications/:id/withdraw',
    {
      onRequest: candidate,
      schema: {
        tags: ['hiring'],
        description: 'Withdraws an application that is still being considered.',
        params: IdParams,
        response: { 200: CandidateApplicationResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { application, listing } = await applications.withdraw(request.viewer!, request.params.id);
      return { application: candidateApplicationAnswer(application, listing) };
    },
  );

  app.get(
    '/listings/:id/applications',
    {
      onRequest: company,
      schema: {
        tags: ['hiring'],
        description:
          'The listing’s applicants, best match first, with contact details, gaps and your notes ' +
          '(the listing’s company only). `stage` narrows to one stage; `counts` covers them all.',
        params: IdParams,
        querystring: ApplicationsQuery,
        response: { 200: CompanyApplicationsPage, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { page, limit, stage } = request.query;
      const result = await applications.forListing(
        request.viewer!,
        request.params.id,
        stage ? { stage } : {},
        { page, limit },
      );
      return {
        items: result.items.map(companyApplicationAnswer),
        total: result.total,
        page,
        limit,
        counts: result.counts,
      };
    },
  );

  app.patch(
    '/applications/:id',
    {
      onRequest: company,
      schema: {
        tags: ['hiring'],
        description:
          'Moves an application to a stage (the candidate is told, in the app and by email) and/or ' +
          'adds a private note. A move the pipeline does not allow answers 409.',
        params: IdParams,
        body: ApplicationChangeBody,
        response: { 200: CompanyApplicationResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      application: companyApplicationAnswer(
        await applications.change(request.viewer!, request.params.id, request.body),
      ),
    }),
  );

  app.post(
    '/listings/:id/invitations',
    {
      onRequest: app.authorize('recruiter'),
      schema: {
        tags: ['hiring'],
        description:
          'Invites a discoverable candidate to apply. They are told through Backboard; no contact ' +
          'details change hands unless they apply. Inviting twice answers 409.',
        params: IdParams,
        body: InviteBody,
        response: { 201: InvitationResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const invitation = await invitations.invite(
        request.viewer!,
        request.params.id,
        request.body.profileId,
        request.body.message,
      );
      return reply.status(201).send({
        invitation: {
          id: invitation.id,
          listingId: invitation.listingId,
          profileId: invitation.profileId,
          createdAt: invitation.createdAt,
        },
      });
    },
  );
};

export default hiringRoutes;
