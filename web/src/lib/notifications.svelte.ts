import { ApiError } from './api.ts';

export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
  details: string[];
}

/** Plain words for each error code the API answers; the server's own message follows where useful. */
const MESSAGE_BY_CODE: Record<string, string> = {
  network: 'Backboard cannot be reached. Check your connection and try again.',
  unauthorized: 'Please log in to do this.',
  forbidden: 'Your account may not do this.',
  not_found: 'That was not found. It may have been closed or deleted.',
  conflict: 'That conflicts with something that already exists.',
  version_conflict: 'Someone changed this while you were editing. Reload to see the latest version.',
  rate_limited: 'Too many attempts. Wait a minute and try again.',
  payload_too_large: 'That is too large to send.',
  unavailable: 'A part of Backboard is unavailable right now. Try again shortly.',
  internal: 'Something went wrong on our side. Try again; if it keeps happening, tell us.',
};

/**
 * What to tell a person about any failure, from an ApiError or anything else thrown. With
 * `serverWords`, the API's own message is shown for every code: a form whose answers are written for
 * people (the log-in form's "Email or password is wrong") says what the server said.
 */
export function describeError(
  error: unknown,
  options: { serverWords?: boolean } = {},
): { message: string; details: string[] } {
  if (error instanceof ApiError) {
    const known = MESSAGE_BY_CODE[error.code];
    const useServerMessage =
      options.serverWords ||
      error.code === 'validation_failed' ||
      error.code === 'bad_request' ||
      error.code === 'conflict';
    const message = useServerMessage || !known ? error.message || known || 'Request failed' : known;
    // A detail that only repeats the message ("Email already registered" and "email: already
    // registered") would say the same thing twice.
    const said = message.toLowerCase();
    const details = error.details
      .filter((detail) => !said.includes(detail.message.toLowerCase()))
      .map((detail) => (detail.path ? `${humanPath(detail.path)}: ${detail.message}` : detail.message));
    return { message, details };
  }
  if (error instanceof Error) return { message: error.message, details: [] };
  return { message: 'Something went wrong.', details: [] };
}

function humanPath(path: string): string {
  return path.replace(/^\//, '').replaceAll('/', ' › ') || 'request';
}

/** The one place errors and confirmations are shown to the user (a polite live region in the layout). */
export class Notifications {
  items = $state<Notice[]>([]);
  #nextId = 1;

  push(kind: NoticeKind, message: string, details: string[] = []): number {
    const id = this.#nextId++;
    this.items = [...this.items.slice(-3), { id, kind, message, details }];
    if (kind !== 'error') setTimeout(() => this.dismiss(id), 5000);
    return id;
  }

  success(message: string): number {
    return this.push('success', message);
  }

  /** Reports a failure; aborted requests are not failures and are ignored. */
  error(error: unknown): void {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    const { message, details } = describeError(error);
    this.push('error', message, details);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((notice) => notice.id !== id);
  }
}

export const notifications = new Notifications();
