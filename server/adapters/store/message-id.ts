import { randomUUID } from 'node:crypto';

/**
 * A Message-ID for an outbox email, assigned once when it is stored (RFC 5322 form, `<left@right>`),
 * so every attempt to send it carries the same one. Both store adapters call this.
 */
export const newMessageId = (): string => `<${randomUUID()}@backboard>`;
