import type { Delivery, Store } from '../../adapters/store/port.ts';
import { EMAIL_TOPIC_OF, type EmailTopic } from '../../shared/vocabulary.ts';
import { emailFor, type MessageContent } from './messages.ts';
import type { NotificationSettings } from './settings.ts';
import type { UnsubscribeTokens } from './unsubscribe.ts';

export interface DeliveryDeps {
  store: Store;
  settings: { of(userId: string): Promise<NotificationSettings> };
  tokens: UnsubscribeTokens;
  /** Where people open the web UI, for the links in email. */
  publicUrl: string;
}

/**
 * Turns "tell this user this" into a Delivery: the in-app notification always, and its email when the
 * user has that topic on, with a signed one-click unsubscribe link (also as List-Unsubscribe headers).
 * The dedupe key makes the same news, written twice by a retried job, arrive once.
 */
export function createDeliveries(deps: DeliveryDeps) {
  const url = (path: string) => `${deps.publicUrl}${path}`;

  async function one(
    userId: string,
    content: MessageContent & { kind: keyof typeof EMAIL_TOPIC_OF },
    dedupeKey: string,
  ): Promise<Delivery> {
    const delivery: Delivery = {
      notifications: [
        {
          userId,
          kind: content.kind,
          title: content.title,
          body: content.body,
          link: content.link,
          dedupeKey,
        },
      ],
      emails: [],
    };
    const topic: EmailTopic = EMAIL_TOPIC_OF[content.kind];
    const [user, settings] = await Promise.all([deps.store.users.findById(userId), deps.settings.of(userId)]);
    if (!user || !settings.email[topic]) return delivery;
    const token = deps.tokens.tokenFor(userId, topic);
    const unsubscribe = url(`/api/unsubscribe?token=${encodeURIComponent(token)}`);
    const email = emailFor(
      content,
      {
        link: url(content.link),
        unsubscribe: url(`/unsubscribe?token=${encodeURIComponent(token)}`),
        settings: url('/settings'),
      },
      topic,
    );
    delivery.emails.push({
      userId,
      kind: content.kind,
      to: user.email,
      ...email,
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      dedupeKey,
    });
    return delivery;
  }

  return {
    /** One user's news. */
    one,
    /** The same news to many users, one delivery. */
    async many(
      items: { userId: string; content: Parameters<typeof one>[1]; dedupeKey: string }[],
    ): Promise<Delivery> {
      const parts = await Promise.all(items.map((item) => one(item.userId, item.content, item.dedupeKey)));
      return {
        notifications: parts.flatMap((part) => part.notifications),
        emails: parts.flatMap((part) => part.emails),
      };
    },
  };
}

export type Deliveries = ReturnType<typeof createDeliveries>;
