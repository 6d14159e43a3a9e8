import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Store } from './adapters/store/port.ts';
import type { SearchIndex } from './adapters/search/port.ts';
import type { JobQueue } from './adapters/queue/port.ts';
import type { BackboardJobs } from './adapters/queue/jobs.ts';
import apiDocsPlugin from './plugins/api-docs.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin from './plugins/errors.ts';
import jsonBodyPlugin from './plugins/json-body.ts';
import metricsPlugin, { STATIC_METRICS_ROUTE } from './plugins/metrics.ts';
import securityHeaders from './plugins/security-headers.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { RequestLogController } from './request-log.ts';
import { validatorCompiler } from './plugins/validation.ts';
import { ErrorResponse } from './schemas/common.ts';
import authRoutes from './routes/auth.ts';
import healthRoutes from './routes/health.ts';
import listingRoutes from './routes/listings.ts';
import profileRoutes from './routes/profile.ts';
import adminRoutes from './routes/admin.ts';
import skillRoutes from './routes/skills.ts';
import salaryBandRoutes from './routes/salary-bands.ts';
import hiringRoutes from './routes/hiring.ts';
import notificationRoutes from './routes/notifications.ts';
import type { Services } from './services/index.ts';

export type { Services };

/** A backend `/ready` checks: the store, the search index, the queue. */
export interface Backend {
  name: string;
  adapter: string;
  ping(): Promise<void>;
}

export interface AppDeps {
  config: Config;
  store: Store;
  search: SearchIndex;
  queue: JobQueue<BackboardJobs>;
  /** The services over these ports (`createServices`): the routes call nothing else. */
  services: Services;
  /** The process's metrics (the adapters already report into it); a fresh registry when absent. */
  metrics?: Metrics;
  /** Every backend `/ready` should check; defaults to the store alone. */
  backends?: Backend[];
  /** Folder of the built web UI; served at `/` when it exists. */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Required<Pick<AppDeps, 'config' | 'store' | 'backends'>>;
    services: Services;
    metrics: Metrics;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Hot read routes whose answers that went well are logged at debug (request-log.ts). */
const QUIET_ROUTES = ['GET /api/listings/search', 'GET /health', 'GET /ready', 'GET /metrics'];
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../dist/web', import.meta.url));

/** Builds the whole API without listening, so tests can `inject` into it. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    logController: new RequestLogController({
      slowRequestMs: config.slowRequestMs,
      quietRoutes: QUIET_ROUTES,
    }),
    // A caller's x-request-id is kept for tracing only if it is a short plain token; anything else
    // (too long, spaces, control characters) gets a fresh id, so logs never carry what a client made up.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 256 * 1024,
    // Only trusted proxies may set the client address that rate limits count by (0 hops: trust none).
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  app.decorate('deps', {
    config,
    store,
    backends: deps.backends ?? [{ name: 'store', adapter: store.kind, ping: () => store.ping() }],
  });
  app.decorate('services', deps.services);
  const metrics = deps.metrics ?? createMetrics();
  metrics.watchQueue(deps.queue);
  app.decorate('metrics', metrics);
  app.addSchema(ErrorResponse);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Error handler and metrics first (its hook opens each request's scope before any other hook runs),
  // then external plugins, the app's own, then routes.
  await app.register(errorsPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(metricsPlugin, {
    metrics,
    token: config.metricsToken,
    production: config.env === 'production',
  });
  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(fastifyCors, {
    origin: config.corsOrigin ? config.corsOrigin.split(',') : false,
    credentials: true,
  });
  await app.register(fastifyRateLimit, { global: false });
  // Every write without a limit of its own (/api/auth and the anonymous writes have stricter ones) shares
  // one budget per account, or per client when anonymous, counted once the token is read.
  const writeLimit = app.rateLimit({
    max: config.writeRateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => (request.viewer ? `user:${request.viewer.sub}` : `ip:${request.ip}`),
  });
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.config?.rateLimit !== undefined) return;
    if (![route.method].flat().some((method) => WRITE_METHODS.has(method))) return;
    route.preValidation = [route.preValidation ?? []].flat().concat(writeLimit);
  });
  await app.register(apiDocsPlugin);
  await app.register(authPlugin, {
    secret: config.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    isSessionRevoked: (sid) => deps.services.accounts.isSessionRevoked(sid),
  });

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(authRoutes, { prefix: '/auth' });
      await api.register(listingRoutes, { prefix: '/listings' });
      await api.register(profileRoutes, { prefix: '/me' });
      await api.register(skillRoutes, { prefix: '/skills' });
      await api.register(salaryBandRoutes, { prefix: '/salary-bands' });
      await api.register(adminRoutes, { prefix: '/admin' });
      await api.register(hiringRoutes);
      await api.register(notificationRoutes);
    },
    { prefix: '/api' },
  );
  if ('queues' in deps.queue) {
    // bull-board only on BullMQ (and loaded only then); the in-process queue's counts are at /api/admin/queues.
    const { default: queueDashboard } = await import('./plugins/queue-dashboard.ts');
    await app.register(queueDashboard, {
      queues: (deps.queue as { queues: Queue[] }).queues,
      secret: config.jwtSecret,
      secureCookie: config.env === 'production',
    });
  }

  const webRoot = deps.webRoot ?? DEFAULT_WEB_ROOT;
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    // One route per file of the build (hashed names change with every build): the metrics give them
    // one label, so the series do not grow with each release. Only the static routes register while
    // the flag is up.
    let registeringStatic = true;
    app.addHook('onRoute', (route) => {
      if (registeringStatic) route.config = { ...route.config, metricsRoute: STATIC_METRICS_ROUTE };
    });
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
    registeringStatic = false;
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html');
    if (hasWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({
      error: {
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        details: [],
      },
    });
  });
  return app;
}
