import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Role } from '../shared/vocabulary.ts';
import type { Viewer as AccessClaims } from '../services/viewer.ts';

export type { AccessClaims };

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: requires a valid access token, and one of `roles` when given. */
    authorize(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** onRequest hook: reads the access token if present; anonymous otherwise. */
    identify(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    viewer: AccessClaims | null;
  }
}

export const REFRESH_COOKIE = 'bb_refresh';

export default fp(
  async (
    app,
    options: {
      secret: string;
      accessTokenTtlSeconds: number;
      /** Whether a session was ended before its access tokens expire (log-out, theft detection). */
      isSessionRevoked: (sid: string) => Promise<boolean>;
    },
  ) => {
    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: options.secret,
      sign: { expiresIn: options.accessTokenTtlSeconds },
      verify: { algorithms: ['HS256'] },
    });
    app.decorateRequest('viewer', null);

    async function readToken(request: FastifyRequest): Promise<AccessClaims | null> {
      if (!request.headers.authorization) return null;
      let claims: AccessClaims;
      try {
        claims = await request.jwtVerify<AccessClaims>();
      } catch {
        throw new AppError('unauthorized', 'Access token missing, invalid or expired');
      }
      if (claims.sid && (await options.isSessionRevoked(claims.sid))) {
        throw new AppError('unauthorized', 'This session has ended; please log in again');
      }
      return claims;
    }

    app.decorate('identify', async (request: FastifyRequest) => {
      request.viewer = await readToken(request);
    });

    app.decorate('authorize', (...roles: Role[]) => async (request: FastifyRequest) => {
      const viewer = await readToken(request);
      if (!viewer) throw new AppError('unauthorized', 'Sign in to do this');
      if (roles.length > 0 && !roles.includes(viewer.role)) {
        throw new AppError('forbidden', `Only ${roles.join(' or ')} accounts may do this`);
      }
      request.viewer = viewer;
    });
  },
  { name: 'auth' },
);
