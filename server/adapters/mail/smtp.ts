import nodemailer from 'nodemailer';
import type { Mailer } from './port.ts';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:port or smtps://…; nodemailer reads TLS and credentials from it. */
  url: string;
  from: string;
  /** Connection, greeting and socket timeouts: a stuck server fails the attempt instead of holding it. */
  timeoutMs?: number;
}

/** Sends through an SMTP server with nodemailer; a refusal or an unreachable server throws. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(
    { url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout },
    { from: options.from },
  );
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: message.messageId,
      });
      return 'sent';
    },
    async ping() {
      await transport.verify();
    },
    async close() {
      transport.close();
    },
  };
}
