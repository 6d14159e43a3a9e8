import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMAIL_TOPICS, isOneOf, type EmailTopic } from '../../shared/vocabulary.ts';

/**
 * Signed unsubscribe tokens: `<userId>.<topic>.<signature>`, the signature an HMAC-SHA256 of the rest
 * under a key derived from the JWT secret. A token turns off one topic's email for one user and does
 * nothing else, so it may sit in every email (and its List-Unsubscribe header) without expiring.
 */
export function createUnsubscribeTokens(secret: string) {
  const key = createHmac('sha256', secret).update('backboard:unsubscribe:v1').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    tokenFor(userId: string, topic: EmailTopic): string {
      const payload = `${userId}.${topic}`;
      return `${payload}.${sign(payload)}`;
    },

    /** The user and topic a token stands for, or null when it is not one of ours. */
    read(token: string): { userId: string; topic: EmailTopic } | null {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [userId, topic, signature] = parts as [string, string, string];
      if (!isOneOf(EMAIL_TOPICS, topic) || userId === '') return null;
      const expected = Buffer.from(sign(`${userId}.${topic}`));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { userId, topic };
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof createUnsubscribeTokens>;
