import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { notFound } from '../errors.ts';
import { IdParams, errorResponses } from '../schemas/common.ts';
import { OutboxPage, OutboxQuery } from '../schemas/hiring.ts';

const Counts = Type.Object({
  waiting: Type.Integer(),
  active: Type.Integer(),
  delayed: Type.Integer(),
  completed: Type.Integer(),
  failed: Type.Integer(),
});

const Operation = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('reindex'), Type.Literal('rematch')]),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  total: Type.Integer(),
  enqueued: Type.Integer(),
  error: Type.Optional(Type.String()),
  startedAt: Type.String(),
  finishedAt: Type.Optional(Type.String()),
});

const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { admin } = app.services;
  app.addHook('onRequest', app.authorize('admin'));

  app.get(
    '/queues',
    {
      schema: {
        tags: ['admin'],
        summary: 'Queue health',
        description:
          'Jobs waiting, active, delayed, completed and failed in each queue, and the latest failures of ' +
          'each job kind (up to five). Admins only.',
        response: {
          200: Type.Object({
            adapter: Type.String(),
            counts: Type.Record(Type.String(), Counts),
            failed: Type.Array(
              Type.Object({
                jobId: Type.String(),
                name: Type.String(),
                error: Type.String(),
                attempts: Type.Integer(),
                failedAt: Type.String(),
              }),
            ),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async () => admin.queues(),
  );

  const operationDocs = {
    reindex: {
      summary: 'Rebuild the search index',
      description:
        'Queues every listing, open or closed, for re-indexing and answers 202 at once with the ' +
        'operation; follow it at `/api/admin/operations/{id}`. Admins only.',
    },
    rematch: {
      summary: 'Recompute every match',
      description:
        'Queues every open listing and every profile for re-matching and answers 202 at once with the ' +
        'operation; follow it at `/api/admin/operations/{id}`. Admins only.',
    },
  };
  for (const kind of ['reindex', 'rematch'] as const) {
    app.post(
      `/${kind}`,
      {
        schema: {
          tags: ['admin'],
          ...operationDocs[kind],
          response: { 202: Type.Object({ operation: Operation }), ...errorResponses(401, 403) },
        },
      },
      async (_request, reply) => reply.status(202).send({ operation: await admin.start(kind) }),
    );
  }

  app.get(
    '/operations/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Progress of an operation',
        description:
          'A re-index or re-match: whether it is running, done or failed, and how many entities of the ' +
          'total it has queued. Admins only.',
        params: IdParams,
        response: { 200: Type.Object({ operation: Operation }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const operation = await admin.operation(request.params.id);
      if (!operation) throw notFound('Operation');
      return { operation };
    },
  );

  app.get(
    '/emails',
    {
      schema: {
        tags: ['admin'],
        summary: 'Email outbox',
        description:
          'The email outbox, newest first: on the embedded default (no SMTP_URL) every email is kept ' +
          'here; with a mail server, what is pending, being sent or sent, with the last error. ' +
          'Paginated; `status` narrows it. Admins only.',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { page, limit, status } = request.query;
      const result = await app.services.outbox.list({ page, limit }, status);
      return {
        items: result.items.map((email) => ({
          id: email.id,
          to: email.to,
          kind: email.kind,
          subject: email.subject,
          text: email.text,
          status: email.status,
          attempts: email.attempts,
          lastError: email.lastError,
          createdAt: email.createdAt,
          sentAt: email.sentAt,
        })),
        total: result.total,
        page,
        limit,
      };
    },
  );
};

export default adminRoutes;
