import { ACCOUNT_MESSAGES } from '../../server/services/notifications/messages.ts';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Header names lower-cased; folded lines unfolded. */
  headers: Record<string, string>;
  /** The message as the server received it. */
  raw: string;
}

/** The subjects of the account emails (sign-up confirmations and notes). */
const ACCOUNT_SUBJECTS = new Set(
  [
    ACCOUNT_MESSAGES.confirmEmail({ confirmUrl: '' }),
    ACCOUNT_MESSAGES.signUpAttempt({ loginUrl: '' }),
    ACCOUNT_MESSAGES.companyTaken({ signupUrl: '' }),
  ].map((message) => message.subject),
);

export interface TestSmtpServer {
  url: string;
  /**
   * The notification emails received. The account emails every test sign-up causes (confirmation
   * links) are kept apart in `accountMail`, so a test counts the mail its own steps cause.
   */
  received: ReceivedMail[];
  accountMail: ReceivedMail[];
  /** Resolves once `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Stops listening (the mail server is down) until `start()` listens on the same port again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A real SMTP server (the smtp-server package) on a free loopback port, keeping what it receives. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const accountMail: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const makeServer = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            headers: headersOf(raw),
            raw,
          };
          (ACCOUNT_SUBJECTS.has(mail.headers.subject ?? '') ? accountMail : received).push(mail);
          for (const wake of waiters.splice(0)) wake();
          callback();
        });
      },
    });
  let server = makeServer();
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  await listen();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    accountMail,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} messages, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received;
    },
    stop,
    async start() {
      server = makeServer();
      await listen();
    },
    close: stop,
  };
}
