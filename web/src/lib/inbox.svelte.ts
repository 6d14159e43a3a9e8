/**
 * The signed-in user's in-app notifications, as far as the header needs them: how many are unread. It
 * looks every 30 seconds while the tab is visible, at once when the tab comes back, and not at all
 * while signed out. Pages that read or mark notifications pass on the count they got.
 * (The layout's short-lived messages, the live region, are `notifications.svelte.ts`.)
 */
import { api } from './api.ts';
import { Resource } from './resource.svelte.ts';

export const UNREAD_POLL_MS = 30_000;

export class Inbox {
  readonly #unread: Resource<number>;
  readonly #visible: () => boolean;
  #watching = false;

  constructor(loadUnread: (signal: AbortSignal) => Promise<number>, visible: () => boolean) {
    this.#visible = visible;
    this.#unread = new Resource(loadUnread, {
      pollEvery: () => (this.#watching && this.#visible() ? UNREAD_POLL_MS : null),
    });
  }

  /** Unread notifications; 0 until known. */
  get unread(): number {
    return this.#unread.value ?? 0;
  }

  /** Someone signed in: look now, then keep looking. */
  watch(): void {
    this.#watching = true;
    if (this.#visible()) void this.#unread.load();
  }

  /** Signed out: stop looking and forget the count. */
  forget(): void {
    this.#watching = false;
    this.#unread.stop();
    this.#unread.value = undefined;
  }

  /** A hidden tab asks nothing; one that comes back looks at once, which restarts the polling. */
  visibilityChanged(): void {
    if (!this.#watching) return;
    if (this.#visible()) void this.#unread.reload();
    else this.#unread.stop();
  }

  /** A page that listed or marked notifications knows the count already. */
  set(unread: number): void {
    this.#unread.value = unread;
  }
}

export const inbox = new Inbox(
  async (signal) => (await api.notifications({ page: 1, limit: 1 }, signal)).unread,
  () => document.visibilityState === 'visible',
);

/** A notification's link, kept inside the app: anything else goes to the notifications page itself. */
export function inAppLink(link: string): string {
  return link.startsWith('/') && !link.startsWith('//') ? link : '/notifications';
}

/** Opening a notification reads it; its link goes ahead whether or not the mark arrives. */
export function markOpened(notification: { id: string; readAt: string | null }): void {
  if (notification.readAt) return;
  api.markRead([notification.id]).then(
    ({ unread }) => inbox.set(unread),
    () => undefined,
  );
}
