import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from './port.ts';

/** What a contract case may ask of the mail server behind an adapter (none for the outbox-only one). */
export interface MailServerProbe {
  /** Messages the server received so far, with their headers lower-cased. */
  delivered(): { to: string[]; headers: Record<string, string> }[];
  waitFor(count: number): Promise<unknown>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface MailerUnderTest {
  mailer: Mailer;
  server: MailServerProbe | null;
  close(): Promise<void>;
}

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: 'cara@example.com',
    subject: 'Your application moved to Interviewing',
    text: 'Acme Payments moved your application for Senior Go Engineer to Interviewing.',
    html: '<p>Acme Payments moved your application for <b>Senior Go Engineer</b> to Interviewing.</p>',
    headers: {
      'List-Unsubscribe': '<http://127.0.0.1:3000/api/unsubscribe?token=abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    messageId: `<contract-${Math.random().toString(36).slice(2)}@backboard>`,
    ...overrides,
  };
}

/** The behaviour every Mailer adapter shares, and what one with a server must deliver. */
export function describeMailerContract(name: string, make: () => Promise<MailerUnderTest>): void {
  describe(`Mailer contract: ${name}`, () => {
    let subject: MailerUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.close();
    });

    it('answers a ping and accepts a message, saying whether it went to a server', async () => {
      await subject.mailer.ping();
      const outcome = await subject.mailer.send(message());
      expect(outcome).toBe(subject.server ? 'sent' : 'kept');
    });

    it('delivers the message with its recipient, Message-ID and unsubscribe headers', async () => {
      const { server } = subject;
      if (!server) return;
      const sent = message();
      await subject.mailer.send(sent);
      await server.waitFor(1);
      const [received] = server.delivered();
      expect(received!.to).toEqual(['cara@example.com']);
      expect(received!.headers['message-id']).toBe(sent.messageId);
      expect(received!.headers['subject']).toBe(sent.subject);
      expect(received!.headers['list-unsubscribe']).toBe(sent.headers['List-Unsubscribe']);
      expect(received!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    });

    it('fails a send while the server is down, and sends again once it is back', async () => {
      const { server } = subject;
      if (!server) return;
      await server.stop();
      await expect(subject.mailer.send(message())).rejects.toThrow();
      await server.start();
      await subject.mailer.send(message({ subject: 'after the outage' }));
      await server.waitFor(1);
      expect(server.delivered().map((mail) => mail.headers['subject'])).toEqual(['after the outage']);
    });
  });
}
