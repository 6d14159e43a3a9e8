import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError, conflict } from '../errors.ts';
import type { RefreshToken, Store, User } from '../adapters/store/port.ts';
import type { PublicUser, SignupBody } from '../schemas/auth.ts';
import { weakPasswordReason } from '../domain/passwords.ts';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Verified against when the email is unknown, so a log-in takes as long whether or not the account exists. */
let dummyHash: Promise<string> | undefined;

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  /** The session (the family of tokens rotated from one log-in); access tokens carry it as `sid`. */
  familyId: string;
}

/** Consecutive failed log-ins an account takes before each further attempt waits. */
const FREE_FAILURES = 5;
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

interface LoginFailures {
  failures: number;
  /** ISO time before which no log-in to this account is tried, right password or not. */
  lockedUntil: string | null;
}

export interface SessionUser {
  user: User;
  refresh: IssuedRefreshToken;
}

/**
 * One answer for an unknown email, a wrong password and an account whose email is not confirmed yet:
 * a sign-up chooses the password, so answering the last one apart would tell who is registered.
 */
const invalidCredentials = () =>
  new AppError(
    'unauthorized',
    'Email or password is wrong. Just signed up? Open the link we emailed you first.',
  );
const invalidRefresh = () => new AppError('unauthorized', 'Session expired; please log in again');

const emailTaken = () =>
  conflict('Email already registered', [{ path: '/email', message: 'already registered' }]);

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Steps followed along a chain of rotated tokens to find whether its family is still alive. */
const MAX_ROTATION_HOPS = 8;

export function createAccountService(
  store: Store,
  options: { refreshTokenTtlSeconds: number; reuseGraceSeconds: number; accessTokenTtlSeconds: number },
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
    return { token, expiresAt, id: record.id, familyId };
  }

  const failuresKey = (email: string) => `login-failures:${hashToken(email)}`;
  const revokedKey = (familyId: string) => `revoked-session:${familyId}`;

  /**
   * Ends a session for access tokens too: its id goes on a deny-list, read by every authenticated
   * request, for as long as an access token issued to it can live.
   */
  async function denySession(familyId: string): Promise<void> {
    const until = new Date(Date.now() + options.accessTokenTtlSeconds * 1000).toISOString();
    await store.documents.put(revokedKey(familyId), { until });
    revokedCache.set(familyId, { revoked: true, checkedAt: Date.now() });
  }

  /** Deny-list answers, cached: a revocation is final, a "not revoked" is asked again after a moment. */
  const revokedCache = new Map<string, { revoked: boolean; checkedAt: number }>();
  const NOT_REVOKED_FOR_MS = 2_000;

  /**
   * Log-ins to one account run one at a time in this process, so a burst of parallel guesses cannot
   * all read the same failure count before any of them writes it.
   */
  const loginQueues = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(key: string, attempt: () => Promise<T>): Promise<T> {
    const previous = loginQueues.get(key) ?? Promise.resolve();
    const run = previous.then(attempt, attempt);
    const settled = run.catch(() => undefined);
    loginQueues.set(key, settled);
    void settled.then(() => {
      if (loginQueues.get(key) === settled) loginQueues.delete(key);
    });
    return run;
  }

  async function attemptLogin(email: string, password: string): Promise<SessionUser> {
    const record = (await store.documents.get<LoginFailures>(failuresKey(email))) ?? {
      failures: 0,
      lockedUntil: null,
    };
    const waitMs = record.lockedUntil ? Date.parse(record.lockedUntil) - Date.now() : 0;
    if (waitMs > 0) {
      throw new AppError(
        'rate_limited',
        'Too many failed log-ins for this account; try again in a while',
        [],
        Math.ceil(waitMs / 1000),
      );
    }
    const user = await store.users.findByEmail(email);
    let valid = false;
    if (!user) {
      dummyHash ??= hash('not-a-real-password', ARGON2_OPTIONS);
      await verify(await dummyHash, password);
    } else {
      valid = await verify(user.passwordHash, password);
    }
    // An unconfirmed account answers as a wrong password does, and counts towards the back-off the same.
    if (!user || !valid || !user.emailConfirmedAt) {
      const failures = record.failures + 1;
      const lockSeconds =
        failures >= FREE_FAILURES
          ? Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_FAILURES))
          : 0;
      await store.documents.put<LoginFailures>(failuresKey(email), {
        failures,
        lockedUntil: lockSeconds > 0 ? new Date(Date.now() + lockSeconds * 1000).toISOString() : null,
      });
      throw invalidCredentials();
    }
    if (record.failures > 0) {
      await store.documents.put<LoginFailures>(failuresKey(email), { failures: 0, lockedUntil: null });
    }
    return { user, refresh: await issueRefreshToken(user.id, randomUUID()) };
  }

  return {
    /** Whether a session's access tokens were revoked (log-out, theft detection) before they expire. */
    async isSessionRevoked(familyId: string): Promise<boolean> {
      const cached = revokedCache.get(familyId);
      if (cached && (cached.revoked || Date.now() - cached.checkedAt < NOT_REVOKED_FOR_MS)) {
        return cached.revoked;
      }
      const entry = await store.documents.get<{ until: string }>(revokedKey(familyId));
      const revoked = entry !== null && Date.parse(entry.until) > Date.now();
      if (revokedCache.size > 10_000) revokedCache.clear();
      revokedCache.set(familyId, { revoked, checkedAt: Date.now() });
      return revoked;
    },

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

    /**
     * Creates an account: refuses a weak password or a recruiter without a company (before looking at
     * the email, so those answers say nothing about it), hashes, then refuses a registered email with
     * `conflict`. A self sign-up passes `confirmed: false` and confirms its email later; the demo seed
     * makes confirmed accounts. An address signed up but never confirmed takes the latest sign-up's
     * details (whoever opens the link sets the password they chose last), so signing up with somebody
     * else's address never locks its owner out. A company name already taken refuses a confirmed
     * registration; an unconfirmed one is kept without a company (`companyTaken`), and its owner is told
     * by email, so the answer does not say which names exist.
     */
    async register(
      input: SignupBody,
      options: { confirmed: boolean },
    ): Promise<{ user: User; companyTaken: boolean }> {
      const companyName = input.company?.trim();
      if (input.role === 'recruiter' && !companyName) {
        throw new AppError('validation_failed', 'Recruiters must name their company', [
          { path: '/company', message: 'required for recruiters' },
        ]);
      }
      const email = input.email.trim().toLowerCase();
      const weak = weakPasswordReason(input.password, { email, name: input.name });
      if (weak) {
        throw new AppError('validation_failed', 'Choose a harder password', [
          { path: '/password', message: `${weak}; try a few unrelated words` },
        ]);
      }
      // Hashed first, so the answer takes as long whether or not the email is taken.
      const passwordHash = await hash(input.password, ARGON2_OPTIONS);
      const existing = await store.users.findByEmail(email);
      if (existing?.emailConfirmedAt) throw emailTaken();
      // A sign-up founds its company: joining an existing one would hand over its listings to anyone who
      // types the name. Colleagues join by invitation (not built yet).
      let company = null;
      let companyTaken = false;
      if (input.role === 'recruiter' && companyName) {
        try {
          company = await store.companies.create(companyName);
        } catch (error) {
          if (options.confirmed || !(error instanceof AppError && error.code === 'conflict')) throw error;
          companyTaken = true;
        }
      }
      const details = {
        name: input.name.trim(),
        role: input.role,
        companyId: company?.id ?? null,
        passwordHash,
      };
      if (existing) {
        // Someone's sign-up that nobody confirmed: the new details replace it (a confirmed registration,
        // the demo seed's, also confirms it).
        const replaced = await store.users.replaceUnconfirmed(existing.id, details);
        if (!replaced) throw emailTaken();
        const user = options.confirmed ? await store.users.confirmEmail(replaced.id) : replaced;
        return { user: user ?? replaced, companyTaken };
      }
      const user = await store.users.create({
        email,
        ...details,
        ...(options.confirmed ? {} : { emailConfirmedAt: null }),
      });
      return { user, companyTaken };
    },

    /** Creates the configured admin account on start-up if it does not exist yet. */
    async ensureAdmin(email: string, password: string): Promise<void> {
      const existing = await store.users.findByEmail(email.toLowerCase());
      if (existing?.emailConfirmedAt) return;
      if (existing) {
        // A sign-up to the admin's address that nobody confirmed: the configured admin replaces it.
        const details = {
          name: 'Administrator',
          role: 'admin' as const,
          companyId: null,
          passwordHash: await hash(password, ARGON2_OPTIONS),
        };
        if (await store.users.replaceUnconfirmed(existing.id, details))
          await store.users.confirmEmail(existing.id);
        return;
      }
      await store.users.create({
        email: email.toLowerCase(),
        name: 'Administrator',
        role: 'admin',
        companyId: null,
        passwordHash: await hash(password, ARGON2_OPTIONS),
      });
    },

    /**
     * Checks the password, with a back-off per account (whatever address the attempts come from):
     * after FREE_FAILURES failures in a row each further attempt waits, doubling from 30 s to 15 min,
     * and an attempt made while waiting is refused even with the right password. Unknown emails back
     * off the same way, so the answers tell nothing about which accounts exist.
     */
    /**
     * Confirms an account's email for whoever holds its emailed link and knows the password its latest
     * sign-up chose, and starts their session; null when the password is not that one (a later sign-up
     * may have replaced an earlier one's details, and the link then confirms only the latest).
     */
    async confirmAndStartSession(user: User, password: string): Promise<SessionUser | null> {
      if (!(await verify(user.passwordHash, password))) return null;
      const confirmed = (await store.users.confirmEmail(user.id)) ?? user;
      return { user: confirmed, refresh: await issueRefreshToken(confirmed.id, randomUUID()) };
    },

    async login(emailInput: string, password: string): Promise<SessionUser> {
      const email = emailInput.trim().toLowerCase();
      return oneAtATime(email, () => attemptLogin(email, password));
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
        await denySession(record.familyId);
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
          await denySession(record.familyId);
          throw invalidRefresh();
        }
      }
      return { user, refresh: next };
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      const record = await store.refreshTokens.findByHash(hashToken(token));
      if (!record) return;
      await store.refreshTokens.revokeFamily(record.familyId);
      await denySession(record.familyId);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
