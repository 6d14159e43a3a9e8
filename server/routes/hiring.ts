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
        summary: 'Your saved postings',
        description:
          'The postings you saved, newest first; closed ones stay, marked closed, deleted ones drop out. ' +
          'Paginated. Candidates only.',
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
        summary: 'Save a posting',
        description:
          'Saves a posting you can see (saving it again changes nothing); a saved posting stays readable ' +
          'to you after it closes. Candidates only.',
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
        summary: 'Forget a saved posting',
        description: 'Takes a posting off your saved list; 204 whether or not it was on it. Candidates only.',
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
        summary: 'Apply to a posting',
        description:
          'Applies to an open posting with an optional note. Reveals your name and email to that ' +
          'listing’s company only; never your salary expectation. Applying twice, to a closed posting, ' +
          'or without skills in your profile answers 409. Candidates only.',
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
        summary: 'Your applications',
        description:
          'Your applications, newest first, each with its posting (null once deleted), stage and ' +
          'timeline. Paginated. Candidates only.',
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
        summary: 'Withdraw an application',
        description:
          'Withdraws your application while it is still being considered; once hired, rejected or ' +
          'withdrawn it answers 409. Candidates only.',
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
        summary: 'A listing’s applicants',
        description:
          'The listing’s applicants, best match first, with contact details, gaps and your notes; ' +
          'paginated. `stage` narrows to one stage; `counts` covers them all. The listing’s company or an admin.',
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
        summary: 'Move or note an application',
        description:
          'Moves an application to a stage (the candidate is told, in the app and by email) and/or ' +
          'adds a private note. A move the pipeline does not allow, or a change made meanwhile, answers ' +
          '409. The listing’s company or an admin.',
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
        summary: 'Invite a candidate',
        description:
          'Invites a discoverable candidate to apply to this open listing. They are told through ' +
          'Backboard; no contact details change hands unless they apply. Inviting twice, or someone who ' +
          'applied, answers 409. Recruiters of the listing’s company only.',
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
