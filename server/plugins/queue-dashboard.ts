import { createHmac, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AppError, STATUS_BY_CODE } from '../errors.ts';
import { errorResponses } from '../schemas/common.ts';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'bb_queues';
export const DASHBOARD_SESSION_ROUTE = '/api/admin/queue-dashboard/session';
const SESSION_SECONDS = 600;

export interface QueueDashboardOptions {
  queues: Queue[];
  /** The app's JWT secret; the dashboard key is derived from it, so it differs from the access-token key. */
  secret: string;
  /** Marks the cookie Secure (production runs behind HTTPS). */
  secureCookie: boolean;
}

/**
 * A small signed session for the dashboard's browser requests: `<base64url payload>.<base64url HMAC>`,
 * under a key derived for this purpose alone, so it is no access token and no access token is one.
 */
function dashboardSigner(secret: string) {
  const key = createHmac('sha256', secret).update('backboard queue dashboard').digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    sign(userId: string, expiresAt: number): string {
      const payload = Buffer.from(JSON.stringify({ sub: userId, exp: expiresAt })).toString('base64url');
      return `${payload}.${mac(payload)}`;
    },
    /** The user id, or null when the token is forged, malformed or expired. */
    verify(token: string): string | null {
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return null;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
          sub?: unknown;
          exp?: unknown;
        };
        if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp < Date.now())
          return null;
        return claims.sub;
      } catch {
        return null;
      }
    },
  };
}

/**
 * bull-board at `/admin/queues` for admins, on the BullMQ queue. API clients send their admin access
 * token; a browser first calls `POST /api/admin/queue-dashboard/session` with it, which sets a
 * 10-minute httpOnly, SameSite=Strict cookie scoped to `/admin/queues` (no token in URLs or history,
 * unreadable by scripts, not sent cross-site, so the dashboard's retry/clean actions are not open to
 * CSRF). Each request re-checks that the cookie's user is still an admin.
 */
const queueDashboard: FastifyPluginAsync<QueueDashboardOptions> = async (app, options) => {
  const signer = dashboardSigner(options.secret);
  const adminOnly = app.authorize('admin');

  await app.register(async (api) => {
    api.addHook('onRequest', adminOnly);
    api.post(
      DASHBOARD_SESSION_ROUTE,
      {
        schema: {
          tags: ['admin'],
          summary: 'Open the queue dashboard',
          description:
            'Sets a 10-minute httpOnly cookie scoped to `/admin/queues`, so a browser can open the ' +
            'bull-board dashboard there, and answers its address. Only on the BullMQ queue. Admins only.',
          response: {
            200: Type.Object({ url: Type.String(), expiresAt: Type.String() }),
            ...errorResponses(401, 403),
          },
        },
      },
      async (request, reply) => {
        const expiresAt = Date.now() + SESSION_SECONDS * 1000;
        reply.setCookie(DASHBOARD_COOKIE, signer.sign(request.viewer!.sub, expiresAt), {
          path: DASHBOARD_PATH,
          httpOnly: true,
          sameSite: 'strict',
          secure: options.secureCookie,
          maxAge: SESSION_SECONDS,
        });
        return { url: DASHBOARD_PATH, expiresAt: new Date(expiresAt).toISOString() };
      },
    );
  });

  async function refuse(reply: FastifyReply, error: AppError): Promise<FastifyReply> {
    return reply
      .status(STATUS_BY_CODE[error.code])
      .send({ error: { code: error.code, message: error.message, details: error.details } });
  }

  // bull-board installs its own error handler, so refusals are sent here in the API's error shape.
  async function dashboardGuard(request: FastifyRequest, reply: FastifyReply) {
    if (request.headers.authorization) {
      try {
        await adminOnly(request, reply);
        return;
      } catch (error) {
        if (error instanceof AppError) return refuse(reply, error);
        throw error;
      }
    }
    const cookie = request.cookies[DASHBOARD_COOKIE];
    const userId = cookie ? signer.verify(cookie) : null;
    if (!userId) return refuse(reply, new AppError('unauthorized', 'Sign in as an admin to see the queues'));
    const user = await app.deps.store.users.findById(userId);
    if (user?.role !== 'admin')
      return refuse(reply, new AppError('forbidden', 'Only admin accounts may do this'));
  }

  await app.register(async (board) => {
    board.addHook('onRequest', dashboardGuard);
    const serverAdapter = new FastifyAdapter();
    createBullBoard({
      queues: options.queues.map((queue) => new BullMQAdapter(queue)),
      // @bull-board/fastify pins its own copy of @bull-board/api (a patch behind), whose class types
      // differ only by their private fields; at run time the adapter uses none of them.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Backboard queues' } },
    });
    serverAdapter.setBasePath(DASHBOARD_PATH);
    await board.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
};

export default queueDashboard;
