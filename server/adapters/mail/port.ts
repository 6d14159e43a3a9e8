/**
 * The mail port: hands one message to a mail server. Two adapters implement it (SMTP through
 * nodemailer when SMTP_URL is set; the embedded default keeps messages in the store's outbox, where an
 * admin reads them) and both pass `mailer.contract.ts`. The outbox, not the mailer, makes delivery
 * reliable: a failed send throws and the send job tries again.
 */

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers: List-Unsubscribe and List-Unsubscribe-Post. */
  headers: Record<string, string>;
  /** The same on every attempt for one email, so a resend after a crash is recognisably the same mail. */
  messageId: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** `sent` once the server accepted the message; `kept` when there is no server (embedded default). */
  send(message: MailMessage): Promise<'sent' | 'kept'>;
  /** Throws when the server cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
