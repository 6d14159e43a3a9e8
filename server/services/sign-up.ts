import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { NewEmail, Store, User } from '../adapters/store/port.ts';
import type { SignupBody } from '../schemas/auth.ts';
import type { ChangeFeed } from './changes.ts';
import type { createAccountService, SessionUser } from './accounts.ts';
import { accountEmail, ACCOUNT_MESSAGES } from './notifications/messages.ts';

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_SECONDS = 48 * 3600;
/** At most one email of a kind to one address a minute, however often someone signs up with it. */
const RESEND_WINDOW_MS = 60_000;

/**
 * Signed confirmation tokens, `<userId>.<expiry in epoch seconds>.<signature>`: an HMAC-SHA256 under a
 * key derived from the JWT secret. A token confirms one account's email and does nothing else (it
 * starts no session), so a link that leaks gives nobody the account.
 */
export function createConfirmationTokens(secret: string) {
  const key = createHmac('sha256', secret).update('backboard:confirm-email:v1').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    tokenFor(userId: string, now = Date.now()): string {
      const payload = `${userId}.${Math.floor(now / 1000) + CONFIRMATION_TTL_SECONDS}`;
      return `${payload}.${sign(payload)}`;
    },
    /** The account a token confirms, or null when it is not one of ours or has expired. */
    read(token: string, now = Date.now()): string | null {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [userId, expiry, signature] = parts as [string, string, string];
      const expected = Buffer.from(sign(`${userId}.${expiry}`));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      if (!/^\d+$/.test(expiry) || Number(expiry) * 1000 <= now) return null;
      return userId;
    },
  };
}

/**
 * Whether sign-up answers carry the confirmation link: only on a board nobody else can reach (no mail
 * server, not production, listening on loopback), where nobody could receive the email. Those answers
 * can be told apart (a new address's link confirms with the new password, a registered one's does
 * not), which matters to nobody on one's own machine; anywhere else the link is only in the email.
 */
export function showsConfirmationLinks(
  mailer: 'smtp' | 'outbox',
  config: { env: string; host: string },
): boolean {
  const loopback = config.host === 'localhost' || config.host === '::1' || /^127\./.test(config.host);
  return mailer === 'outbox' && config.env !== 'production' && loopback;
}

/** What every sign-up answers, whether the address was new, unconfirmed or registered long ago. */
export interface SignUpAnswer {
  status: 'confirmation-sent';
  email: string;
  /** Only without a mail server outside production (see `showLinks`): the link the email carries. */
  confirmUrl?: string;
}

export interface SignUpDeps {
  store: Store;
  accounts: Pick<ReturnType<typeof createAccountService>, 'register' | 'confirmAndStartSession'>;
  changes: ChangeFeed;
  tokens: ReturnType<typeof createConfirmationTokens>;
  /** Where people open the web UI, for the link in the email. */
  publicUrl: string;
  /** See `showsConfirmationLinks`. */
  showLinks: boolean;
}

/**
 * Sign-up that does not tell whether an email is registered: every valid request answers the same,
 * and what differs goes to the address's owner by email. A new address gets an unconfirmed account
 * and a confirmation link; an unconfirmed one gets a fresh link; a registered one hears that someone
 * tried to sign up with it. Nobody gets a session until they confirm and log in.
 */
export function createSignUpService(deps: SignUpDeps) {
  const { store, tokens } = deps;
  const confirmUrl = (user: User) =>
    `${deps.publicUrl}/confirm-email?token=${encodeURIComponent(tokens.tokenFor(user.id))}`;

  async function send(
    user: User,
    kind: NewEmail['kind'],
    email: Pick<NewEmail, 'subject' | 'text' | 'html'>,
  ) {
    const window = Math.floor(Date.now() / RESEND_WINDOW_MS);
    await store.deliver({
      notifications: [],
      emails: [
        {
          userId: user.id,
          kind,
          to: user.email,
          headers: {},
          dedupeKey: `${kind}:${user.id}:${window}`,
          ...email,
        },
      ],
    });
    await deps.changes.emailsQueued();
  }

  return {
    async signUp(input: SignupBody): Promise<SignUpAnswer> {
      let user: User;
      let companyTaken = false;
      try {
        ({ user, companyTaken } = await deps.accounts.register(input, { confirmed: false }));
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
        const existing = await store.users.findByEmail(input.email.trim().toLowerCase());
        if (!existing) throw error;
        user = existing;
      }
      const link = confirmUrl(user);
      if (user.emailConfirmedAt) {
        const loginUrl = `${deps.publicUrl}/login`;
        await send(user, 'sign-up-attempt', accountEmail(ACCOUNT_MESSAGES.signUpAttempt({ loginUrl })));
      } else if (companyTaken) {
        // No link: an account that would found a company someone else already founded stays unused.
        const signupUrl = `${deps.publicUrl}/signup?role=recruiter`;
        await send(user, 'sign-up-attempt', accountEmail(ACCOUNT_MESSAGES.companyTaken({ signupUrl })));
      } else {
        await send(
          user,
          'email-confirmation',
          accountEmail(ACCOUNT_MESSAGES.confirmEmail({ confirmUrl: link })),
        );
      }
      return {
        status: 'confirmation-sent',
        email: input.email.trim().toLowerCase(),
        ...(deps.showLinks ? { confirmUrl: link } : {}),
      };
    },

    /**
     * Confirms the account a link names and starts its session, for whoever also knows the password
     * of its latest sign-up: the link proves the inbox, the password that the details are theirs (a
     * sign-up by someone else with the same address replaced them, and its password is not the owner's).
     */
    async confirmEmail(token: string, password: string): Promise<SessionUser> {
      const userId = tokens.read(token);
      const account = userId ? await store.users.findById(userId) : null;
      // A recruiter account kept without its (taken) company name was sent no link: it stays unused.
      const usable = account && !(account.role === 'recruiter' && account.companyId === null);
      if (!usable) {
        throw new AppError(
          'validation_failed',
          'This confirmation link is not valid or has expired; sign up again with the same address for a new one',
          [{ path: '/token', message: 'not valid or expired' }],
        );
      }
      const session = await deps.accounts.confirmAndStartSession(account, password);
      if (!session) {
        throw new AppError(
          'validation_failed',
          'That is not the password of the latest sign-up with this address; sign up again with the password you want and open the newest link',
          [{ path: '/password', message: 'not the password of the latest sign-up' }],
        );
      }
      return session;
    },
  };
}
