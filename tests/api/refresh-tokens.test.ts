import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSqliteStore, type SqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { createAccountService } from '../../server/services/accounts.ts';
import { uniqueEmail } from '../helpers/factories.ts';

/** The refresh-token grace window at the service, where the clock and the interleavings can be set. */
describe('refresh-token reuse and its grace window', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = createSqliteStore({ file: ':memory:' });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
  });

  const accountsWith = (reuseGraceSeconds: number) =>
    createAccountService(store, {
      refreshTokenTtlSeconds: 3600,
      reuseGraceSeconds,
      accessTokenTtlSeconds: 900,
    });
  /** A confirmed account's first session. */
  const signup = async (accounts: ReturnType<typeof accountsWith>) => {
    const { user } = await accounts.register(
      { email: uniqueEmail('tab'), password: 'correct horse battery', name: 'Tab', role: 'candidate' },
      { confirmed: true },
    );
    return accounts.login(user.email, 'correct horse battery');
  };

  it('ends the session when a rotated token comes back after the window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 25, 12));
    const accounts = accountsWith(10);
    const session = await signup(accounts);
    const rotated = await accounts.refresh(session.refresh.token);
    vi.setSystemTime(Date.UTC(2026, 10, 25, 12, 0, 11));
    await expect(accounts.refresh(session.refresh.token)).rejects.toThrow(/old token was reused/);
    await expect(accounts.refresh(rotated.refresh.token)).rejects.toThrow();
  });

  it('with no window, refuses reuse even within the same millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 25, 12));
    const accounts = accountsWith(0);
    const session = await signup(accounts);
    await accounts.refresh(session.refresh.token);
    await expect(accounts.refresh(session.refresh.token)).rejects.toThrow(/old token was reused/);
  });

  it('does not let a refresh in flight undo a log-out that ran meanwhile', async () => {
    const accounts = accountsWith(10);
    const session = await signup(accounts);
    const rotated = await accounts.refresh(session.refresh.token);
    // The second tab's refresh with the rotated token pauses after its checks, before it issues a token.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const findUser = store.users.findById.bind(store.users);
    store.users.findById = async (id) => {
      await gate;
      return findUser(id);
    };
    const inFlight = accounts.refresh(session.refresh.token);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await accounts.logout(rotated.refresh.token);
    release();
    await expect(inFlight).rejects.toThrow();
    store.users.findById = findUser;
    await expect(accounts.refresh(rotated.refresh.token)).rejects.toThrow();
  });
});
