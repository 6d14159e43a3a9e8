import { api, mayHaveSession, onAuthChange, refreshSession } from './api.ts';
import type { PublicUser, Role } from './types.ts';

/** Who is signed in. The API client tells it whenever a token is issued or lost. */
class Session {
  user = $state<PublicUser | null>(null);
  /** False until the first refresh attempt settles, so pages do not flash "log in" on reload. */
  ready = $state(false);

  constructor() {
    onAuthChange((user) => {
      this.user = user;
    });
  }

  get role(): Role | null {
    return this.user?.role ?? null;
  }

  is(role: Role): boolean {
    return this.user?.role === role;
  }

  /** A reload keeps the session: the refresh cookie buys a new access token. */
  async restore(): Promise<void> {
    try {
      if (mayHaveSession()) await refreshSession();
    } finally {
      this.ready = true;
    }
  }

  async logout(): Promise<void> {
    await api.logout();
  }
}

export const session = new Session();
