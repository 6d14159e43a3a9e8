import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';

const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Record(
    Type.String(),
    Type.Object({ ok: Type.Boolean(), adapter: Type.String(), error: Type.Optional(Type.String()) }),
  ),
});

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        description:
          'Answers `ok` while the process serves requests, from the moment it listens (also while the ' +
          'demo board is being seeded); it asks no backend. Anonymous.',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness',
        description:
          'Pings the store, the search index and the queue: 200 when all answer, 503 with the error of ' +
          'each failing check otherwise. Anonymous.',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, { ok: boolean; adapter: string; error?: string }> = {};
      await Promise.all(
        app.deps.backends.map(async (backend) => {
          try {
            await backend.ping();
            checks[backend.name] = { ok: true, adapter: backend.adapter };
          } catch (error) {
            checks[backend.name] = { ok: false, adapter: backend.adapter, error: (error as Error).message };
          }
        }),
      );
      const ready = Object.values(checks).every((check) => check.ok);
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
    },
  );
};

export default healthRoutes;
