import type { Mailer } from '../adapters/mail/port.ts';
import type { EmailStatus, PageRequest, Store } from '../adapters/store/port.ts';

const BATCH = 50;

/**
 * The email outbox's sender. Every email was written to the store with the change that caused it;
 * this sends what is unsent, one claimed attempt at a time, so two workers never send the same email
 * and a crash before the send loses nothing (the email stays pending). A crash in the middle of an
 * SMTP exchange is the one case that may send an email twice, with the same Message-ID; an attempt
 * counts as dead after `claimTimeoutMs`.
 */
export function createOutboxService(store: Store, mailer: Mailer, options: { claimTimeoutMs: number }) {
  const staleBefore = () => new Date(Date.now() - options.claimTimeoutMs).toISOString();

  return {
    mailerKind: mailer.kind,

    /**
     * Sends every unsent email. The first failure (the mail server down, or refusing) gives that email
     * back and fails the job, whose retries back off; the sweep starts it again later.
     */
    async sendUnsent() {
      const done = { sent: 0, kept: 0 };
      const tried = new Set<string>();
      for (;;) {
        const batch = (await store.outbox.findUnsent(staleBefore(), BATCH)).filter((e) => !tried.has(e.id));
        if (batch.length === 0) return done;
        for (const candidate of batch) {
          tried.add(candidate.id);
          const email = await store.outbox.claim(candidate.id, staleBefore());
          if (!email) continue;
          let outcome: 'sent' | 'kept';
          try {
            outcome = await mailer.send({
              to: email.to,
              subject: email.subject,
              text: email.text,
              html: email.html,
              headers: email.headers,
              messageId: email.messageId,
            });
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            await store.outbox.release(email.id, reason);
            throw new Error(`email ${email.id} not sent: ${reason}`, { cause: error });
          }
          await store.outbox.markDone(email.id, outcome);
          done[outcome] += 1;
        }
      }
    },

    /** Whether anything waits to be sent (the reconcile sweep asks). */
    async hasUnsent(): Promise<boolean> {
      return (await store.outbox.findUnsent(staleBefore(), 1)).length > 0;
    },

    list: (page: PageRequest, status?: EmailStatus) =>
      store.outbox.list(page, status ? { status } : undefined),
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
