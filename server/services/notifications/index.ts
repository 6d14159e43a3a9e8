import type { PageRequest, Store } from '../../adapters/store/port.ts';
import { AppError } from '../../errors.ts';
import type { EmailTopic } from '../../shared/vocabulary.ts';
import type { Viewer } from '../viewer.ts';
import type { createNotificationSettings } from './settings.ts';
import type { UnsubscribeTokens } from './unsubscribe.ts';

/** A signed-in user's notifications and email settings, and unsubscribing by a link from an email. */
export function createNotificationService(
  store: Store,
  settings: ReturnType<typeof createNotificationSettings>,
  tokens: UnsubscribeTokens,
) {
  return {
    async list(viewer: Viewer, page: PageRequest) {
      const [result, unread] = await Promise.all([
        store.notifications.list(viewer.sub, page),
        store.notifications.unreadCount(viewer.sub),
      ]);
      return { ...result, page: page.page, limit: page.limit, unread };
    },

    async markRead(viewer: Viewer, ids?: string[]) {
      const changed = await store.notifications.markRead(viewer.sub, ids);
      return { changed, unread: await store.notifications.unreadCount(viewer.sub) };
    },

    settings: (viewer: Viewer) => settings.of(viewer.sub),

    saveSettings: (viewer: Viewer, email: Partial<Record<EmailTopic, boolean>>) =>
      settings.save(viewer.sub, email),

    /** One click from an email: that topic's email is off for that user, whoever opens the link. */
    async unsubscribe(token: string): Promise<{ topic: EmailTopic }> {
      const reader = tokens.read(token);
      if (!reader || !(await store.users.findById(reader.userId))) {
        throw new AppError('bad_request', 'This unsubscribe link is not valid', [
          { path: 'querystring:/token', message: 'not a link Backboard sent' },
        ]);
      }
      await settings.save(reader.userId, { [reader.topic]: false });
      return { topic: reader.topic };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
