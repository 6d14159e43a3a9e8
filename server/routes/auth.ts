import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { AppError } from '../errors.ts';
import { REFRESH_COOKIE } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import {
  ConfirmEmailBody,
  LoginBody,
  PublicUser,
  SessionResponse,
  SignupBody,
  SignupResponse,
} from '../schemas/auth.ts';
import type { SessionUser } from '../services/accounts.ts';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { accounts, signUp } = app.services;
  const { config } = app.deps;
  const rateLimit = { max: config.authRateLimitPerMinute, timeWindow: '1 minute' };
  const cookiePath = '/api/auth';

  async function startSession(reply: FastifyReply, session: SessionUser) {
    reply.setCookie(REFRESH_COOKIE, session.refresh.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.env === 'production',
      path: cookiePath,
      expires: session.refresh.expiresAt,
    });
    const accessToken = await reply.jwtSign({
      sub: session.user.id,
      role: session.user.role,
      companyId: session.user.companyId,
      sid: session.refresh.familyId,
    });
    return {
      user: await accounts.publicUser(session.user),
      accessToken,
      expiresIn: config.accessTokenTtlSeconds,
    };
  }

  app.post(
    '/signup',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        description:
          'Starts a candidate or recruiter sign-up and emails the address a confirmation link; no session ' +
          'until the link is opened and the person logs in. Every valid request answers the same 202, ' +
          'whether the address is new, unconfirmed or registered (its owner hears of it by email). A ' +
          'recruiter names a company, which the sign-up founds. Anonymous; a weak password answers 400; ' +
          'AUTH_RATE_LIMIT requests a minute per client.',
        body: SignupBody,
        response: { 202: SignupResponse, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => reply.status(202).send(await signUp.signUp(request.body)),
  );

  app.post(
    '/confirm-email',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address',
        description:
          'Confirms the account the emailed link names and starts its session, given the password of ' +
          'its latest sign-up (the link proves the inbox, the password that the details are theirs). A ' +
          'forged, altered or expired token, or another password, answers 400. Anonymous; ' +
          'AUTH_RATE_LIMIT requests a minute per client.',
        body: ConfirmEmailBody,
        response: { 200: SessionResponse, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) =>
      startSession(reply, await signUp.confirmEmail(request.body.token, request.body.password)),
  );

  app.post(
    '/login',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        description:
          'Starts a session: the answer holds an access token, an httpOnly cookie the refresh token. A ' +
          'wrong email or password answers 401; after 5 failures in a row the account waits (30 s, ' +
          'doubling to 15 min) and answers 429 meanwhile. Anonymous; AUTH_RATE_LIMIT requests a minute per client.',
        body: LoginBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) =>
      startSession(reply, await accounts.login(request.body.email, request.body.password)),
  );

  app.post(
    '/refresh',
    {
      config: { rateLimit: { max: config.authRateLimitPerMinute * 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Renew the access token',
        description:
          'Trades the refresh cookie for a new access token and rotates the cookie. A cookie that was ' +
          'already rotated ends its whole session (401), unless two tabs refreshed at the same moment. ' +
          'Needs no access token; five times the sign-in rate limit.',
        response: { 200: SessionResponse, ...errorResponses(401, 429) },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (!token) throw new AppError('unauthorized', 'No session; please log in');
      try {
        return await startSession(reply, await accounts.refresh(token));
      } catch (error) {
        reply.clearCookie(REFRESH_COOKIE, { path: cookiePath });
        throw error;
      }
    },
  );

  // The refresh cookie alone ends the session, so a user whose access token has expired can still log out.
  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out',
        description:
          'Ends the session the refresh cookie names (its access tokens stop working too) and clears the ' +
          'cookie. Needs no access token, so an expired one is no obstacle; answers 204 without a session too.',
        response: { 204: Type.Null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      await accounts.logout(request.cookies[REFRESH_COOKIE]);
      reply.clearCookie(REFRESH_COOKIE, { path: cookiePath });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      onRequest: app.authorize(),
      schema: {
        tags: ['auth'],
        summary: 'Your account',
        description:
          'The account behind the access token: name, email, role and company. Any signed-in user.',
        response: { 200: Type.Object({ user: PublicUser }), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const user = await app.deps.store.users.findById(request.viewer!.sub);
      if (!user) throw new AppError('unauthorized', 'This account no longer exists');
      return { user: await accounts.publicUser(user) };
    },
  );
};

export default authRoutes;
