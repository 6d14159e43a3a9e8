import type { Store } from '../../adapters/store/port.ts';
import { EMAIL_TOPICS, type EmailTopic } from '../../shared/vocabulary.ts';

/** Which email topics a user gets; in-app notifications are always on. */
export interface NotificationSettings {
  email: Record<EmailTopic, boolean>;
}

const key = (userId: string) => `notification-settings:${userId}`;

export const DEFAULT_SETTINGS: NotificationSettings = {
  email: Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, true])) as Record<EmailTopic, boolean>,
};

/** Notification settings, one small document per user (every topic on until the user says otherwise). */
export function createNotificationSettings(store: Store) {
  async function of(userId: string): Promise<NotificationSettings> {
    const saved = await store.documents.get<NotificationSettings>(key(userId));
    return { email: { ...DEFAULT_SETTINGS.email, ...(saved?.email ?? {}) } };
  }
  return {
    of,
    async save(userId: string, email: Partial<Record<EmailTopic, boolean>>): Promise<NotificationSettings> {
      const next = { email: { ...(await of(userId)).email, ...email } };
      await store.documents.put(key(userId), next);
      return next;
    },
  };
}

export type NotificationSettingsService = ReturnType<typeof createNotificationSettings>;
