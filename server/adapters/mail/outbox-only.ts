import type { Mailer } from './port.ts';

/**
 * The embedded default's mailer: no mail server, so every message stays in the store's outbox as
 * `kept`, where an admin reads it (/admin, Outbox). Set SMTP_URL to send.
 */
export function createOutboxOnlyMailer(): Mailer {
  return {
    kind: 'outbox',
    async send() {
      return 'kept';
    },
    async ping() {},
    async close() {},
  };
}
