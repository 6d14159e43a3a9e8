import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError, conflict } from '../errors.ts';
import type { RefreshToken, Store, User } from '../adapters/store/port.ts';
import type { PublicUser, SignupBody } from '../schemas/auth.ts';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Verified against when the email is unknown, so a log-in takes as long whether or not the account exists. */
let dummyHash: Promise<string> | undefined;

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
}

export interface SessionUser {
  user: User;
  refresh: IssuedRefreshToken;
}

const invalidCredentials = () => new AppError('unauthorized', 'Email or password is wrong');
const invalidRefresh = () => new AppError('unauthorized', 'Session expired; please log in again');

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Steps followed along a chain of rotated tokens to find whether its family is still alive. */
const MAX_ROTATION_HOPS = 8;

export function createAccountService(
  store: Store,
  options: { refreshTokenTtlSeconds: number; reuseGraceSeconds: number },
) {
  /**
   * Whether a rotated token comes back only because two requests refreshed with it at about the same
   * time (two tabs of one browser share the cookie): it was rotated within the grace window, and its
   * chain of successors still ends in a live token, so the session was not ended meanwhile.
   */
  async function rotatedMomentsAgo(record: RefreshToken): Promise<boolean> {
    if (!record.revokedAt || !record.replacedById || options.reuseGraceSeconds === 0) return false;
    const age = Date.now() - Date.parse(record.revokedAt);
    // A negative age (a replica whose clock runs behind) is not "moments ago".
    if (!(age >= 0 && age <= options.reuseGraceSeconds * 1000)) return false;
    let successor = await store.refreshTokens.findById(record.replacedById);
    for (let hop = 0; successor && hop < MAX_ROTATION_HOPS; hop++) {
      if (!successor.revokedAt) return true;
      if (!successor.replacedById) return false;
      successor = await store.refreshTokens.findById(successor.replacedById);
    }
    return false;
  }

  async function issueRefreshToken(userId: string, familyId: string) {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + options.refreshTokenTtlSeconds * 1000);
    const record = await store.refreshTokens.create({
      userId,
      familyId,
      tokenHash: hashToken(token),
      expiresAt: expiresAt.toISOString(),
    });
    return { token, expiresAt, id: record.id };
  }

  return {
    async publicUser(user: User): Promise<PublicUser> {
      const company = user.companyId ? await store.companies.findById(user.companyId) : null;
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        company: company ? { id: company.id, name: company.name } : null,
        createdAt: user.createdAt,
      };
    },

    async signup(input: SignupBody): Promise<SessionUser> {
      const companyName = input.company?.trim();
      if (input.role === 'recruiter' && !companyName) {
        throw new AppError('validation_failed', 'Recruiters must name their company', [
          { path: '/company', message: 'required for recruiters' },
        ]);
      }
      const email = input.email.trim().toLowerCase();
      if (await store.users.findByEmail(email)) {
        throw conflict('Email already registered', [{ path: '/email', message: 'already registered' }]);
      }
      const passwordHash = await hash(input.password, ARGON2_OPTIONS);
      // A sign-up founds its company: joining an existing one would hand over its listings to anyone who
      // types the name. Colleagues join by invitation (not built yet).
      const company =
        input.role === 'recruiter' && companyName ? await store.companies.create(companyName) : null;
      const user = await store.users.create({
        email,
        name: input.name.trim(),
        role: input.role,
        companyId: company?.id ?? null,
        passwordHash,
      });
      return { user, refresh: await issueRefreshToken(user.id, randomUUID()) };
    },

    /** Creates the configured admin account on start-up if it does not exist yet. */
    async ensureAdmin(email: string, password: string): Promise<void> {
      if (await store.users.findByEmail(email.toLowerCase())) return;
      await store.users.create({
        email: email.toLowerCase(),
        name: 'Administrator',
        role: 'admin',
        companyId: null,
        passwordHash: await hash(password, ARGON2_OPTIONS),
      });
    },

    async login(emailInput: string, password: string): Promise<SessionUser> {
      const user = await store.users.findByEmail(emailInput.trim().toLowerCase());
      if (!user) {
        dummyHash ??= hash('not-a-real-password', ARGON2_OPTIONS);
        await verify(await dummyHash, password);
        throw invalidCredentials();
      }
      if (!(await verify(user.passwordHash, password))) throw invalidCredentials();
      return { user, refresh: await issueRefreshToken(user.id, randomUUID()) };
    },

    /**
     * Rotates a refresh token. Presenting an already-rotated token revokes its whole family (theft),
     * unless it was rotated moments ago by a concurrent refresh of the same session: then the caller
     * gets a token of its own in the family, and nothing is revoked.
     */
    async refresh(token: string): Promise<SessionUser> {
      const tokenHash = hashToken(token);
      const record = await store.refreshTokens.findByHash(tokenHash);
      if (!record) throw invalidRefresh();
      if (record.revokedAt && !(await rotatedMomentsAgo(record))) {
        await store.refreshTokens.revokeFamily(record.familyId);
        throw new AppError(
          'unauthorized',
          'This session was ended because an old token was reused; please log in again',
        );
      }
      if (Date.parse(record.expiresAt) <= Date.now()) throw invalidRefresh();
      const user = await store.users.findById(record.userId);
      if (!user) throw invalidRefresh();
      const next = await issueRefreshToken(user.id, record.familyId);
      const rotatedHere = !record.revokedAt && (await store.refreshTokens.revoke(record.id, next.id));
      if (!rotatedHere) {
        // Another request rotated the token, before our read or since. The token just issued stands
        // only if the session is still alive now, after it exists: a log-out or a theft revocation
        // that ran meanwhile must not be undone by it (one that runs later revokes it with the rest).
        const rotated = await store.refreshTokens.findByHash(tokenHash);
        if (!rotated || !(await rotatedMomentsAgo(rotated))) {
          await store.refreshTokens.revokeFamily(record.familyId);
          throw invalidRefresh();
        }
      }
      return { user, refresh: next };
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      const record = await store.refreshTokens.findByHash(hashToken(token));
      if (record) await store.refreshTokens.revokeFamily(record.familyId);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
