import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { newRequestScope, runInScope, type RequestScope } from '../request-scope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    scope: RequestScope | null;
  }
  interface FastifyContextConfig {
    /** The route label in the metrics, where the route pattern is not one (a file of the web build). */
    metricsRoute?: string;
  }
}

/** The one label every file of the web build is counted under. */
export const STATIC_METRICS_ROUTE = 'static';

/** A request's route as metrics and logs name it: the pattern (never the raw URL), or its label. */
export const routeLabel = (request: FastifyRequest): string =>
  request.routeOptions.config.metricsRoute ?? request.routeOptions.url ?? 'unmatched';

export interface MetricsPluginOptions {
  metrics: Metrics;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  token: string | undefined;
  /** Without a token, production refuses to expose `/metrics` at all. */
  production: boolean;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Request duration by route pattern and status, and `/metrics` for Prometheus. Register it first: its
 * onRequest hook opens the request's scope (request id and store/search time), which everything after
 * it, handlers and the jobs they enqueue, runs inside; the request's log line reads the scope
 * (request-log.ts).
 */
export default fp(
  async (app, options: MetricsPluginOptions) => {
    const { metrics, token, production } = options;
    app.decorateRequest('scope', null);

    app.addHook('onRequest', (request, _reply, done) => {
      request.scope = newRequestScope(request.id);
      runInScope(request.scope, done);
    });

    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, never the raw URL: ids in paths would make one series per listing.
      const route = routeLabel(request);
      metrics.httpDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });

    async function guard(request: FastifyRequest): Promise<void> {
      if (token) {
        const given = request.headers.authorization ?? '';
        if (!sameSecret(given, `Bearer ${token}`)) {
          throw new AppError('unauthorized', 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
        }
      } else if (production) {
        throw new AppError('forbidden', 'Metrics are off in production until METRICS_TOKEN is set');
      }
    }

    app.get('/metrics', { schema: { hide: true }, onRequest: guard }, async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  },
  { name: 'metrics' },
);
