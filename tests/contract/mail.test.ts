import { describeMailerContract } from '../../server/adapters/mail/mailer.contract.ts';
import { createOutboxOnlyMailer } from '../../server/adapters/mail/outbox-only.ts';
import { createSmtpMailer } from '../../server/adapters/mail/smtp.ts';
import { startTestSmtpServer } from '../helpers/smtp.ts';

describeMailerContract('outbox only (embedded default)', async () => {
  const mailer = createOutboxOnlyMailer();
  return { mailer, server: null, close: () => mailer.close() };
});

describeMailerContract('SMTP via nodemailer, against a real SMTP server', async () => {
  const smtp = await startTestSmtpServer();
  const mailer = createSmtpMailer({
    url: smtp.url,
    from: 'Backboard <no-reply@backboard.test>',
    timeoutMs: 3_000,
  });
  return {
    mailer,
    server: {
      delivered: () => smtp.received,
      waitFor: (count: number) => smtp.waitFor(count),
      stop: () => smtp.stop(),
      start: () => smtp.start(),
    },
    async close() {
      await mailer.close();
      await smtp.close();
    },
  };
});
