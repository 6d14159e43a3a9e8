import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { routeLabel } from './plugins/metrics.ts';

export interface RequestLogOptions {
  /** Requests slower than this are logged at warn with their timing breakdown. */
  slowRequestMs: number;
  /**
   * `METHOD /route/pattern` of hot read routes (search, health checks): their answers that went well
   * are logged at debug, so a busy board's log is not one line per search; errors and slow ones are not.
   */
  quietRoutes: readonly string[];
}

/**
 * One log line per request, when it is answered: method, URL, route pattern, status and time (the
 * request id comes with the request's logger), in place of Fastify's two (incoming and completed).
 * A slow request's line says where its time went (store, search, the rest).
 */
export class RequestLogController extends LogController {
  readonly #slowRequestMs: number;
  readonly #quiet: Set<string>;

  constructor(options: RequestLogOptions) {
    super();
    this.#slowRequestMs = options.slowRequestMs;
    this.#quiet = new Set(options.quietRoutes);
  }

  override incomingRequest(): void {}

  /** The request's own line says 404. */
  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    // The route pattern, never the raw URL alone: ids in paths make every line a different route.
    const route = routeLabel(request);
    const totalMs = reply.elapsedTime;
    const line = {
      method: request.method,
      url: request.url,
      route,
      statusCode: reply.statusCode,
      totalMs: Math.round(totalMs * 10) / 10,
    };
    if (error) {
      reply.log.error({ ...line, err: error }, 'request errored');
    } else if (totalMs >= this.#slowRequestMs) {
      const scope = request.scope;
      reply.log.warn(
        {
          ...line,
          ...(scope
            ? {
                storeMs: Math.round(scope.store.ms),
                storeCalls: scope.store.calls,
                searchMs: Math.round(scope.search.ms),
                searchCalls: scope.search.calls,
                // Calls run in parallel can overlap, so the rest is an estimate, never below zero.
                otherMs: Math.max(0, Math.round(totalMs - scope.store.ms - scope.search.ms)),
              }
            : {}),
        },
        'slow request',
      );
    } else if (reply.statusCode < 400 && this.#quiet.has(`${request.method} ${route}`)) {
      reply.log.debug(line, 'request');
    } else {
      reply.log.info(line, 'request');
    }
  }
}
