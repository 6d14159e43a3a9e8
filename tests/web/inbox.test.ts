import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inAppLink, Inbox, UNREAD_POLL_MS } from '../../web/src/lib/inbox.svelte.ts';
import { markedRead } from '../../web/src/pages/notifications/inbox-page.ts';
import { aNotification } from './factories.ts';

/** An inbox over a counting loader whose answers the test sets, in a tab the test shows or hides. */
function anInbox() {
  const state = { unread: 3, visible: true, calls: 0 };
  const inbox = new Inbox(
    async () => {
      state.calls += 1;
      return state.unread;
    },
    () => state.visible,
  );
  return { inbox, state };
}

describe('Inbox (the header’s unread count)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('knows nothing and asks nothing until someone signs in', async () => {
    const { inbox, state } = anInbox();
    await vi.advanceTimersByTimeAsync(UNREAD_POLL_MS * 2);
    expect(inbox.unread).toBe(0);
    expect(state.calls).toBe(0);
  });

  it('looks at once on sign-in, then every 30 seconds while the tab is visible', async () => {
    const { inbox, state } = anInbox();
    inbox.watch();
    await vi.advanceTimersByTimeAsync(0);
    expect(inbox.unread).toBe(3);
    state.unread = 5;
    await vi.advanceTimersByTimeAsync(UNREAD_POLL_MS);
    expect(inbox.unread).toBe(5);
    expect(state.calls).toBe(2);
    inbox.forget();
  });

  it('stops in a hidden tab and looks at once when it comes back', async () => {
    const { inbox, state } = anInbox();
    inbox.watch();
    await vi.advanceTimersByTimeAsync(0);
    state.visible = false;
    inbox.visibilityChanged();
    await vi.advanceTimersByTimeAsync(UNREAD_POLL_MS * 3);
    expect(state.calls).toBe(1);

    state.visible = true;
    state.unread = 7;
    inbox.visibilityChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls).toBe(2);
    expect(inbox.unread).toBe(7);
    inbox.forget();
  });

  it('forgets the count on sign-out and stops looking', async () => {
    const { inbox, state } = anInbox();
    inbox.watch();
    await vi.advanceTimersByTimeAsync(0);
    inbox.forget();
    expect(inbox.unread).toBe(0);
    inbox.visibilityChanged();
    await vi.advanceTimersByTimeAsync(UNREAD_POLL_MS * 3);
    expect(state.calls).toBe(1);
  });

  it('takes the count a page already got', () => {
    const { inbox } = anInbox();
    inbox.set(2);
    expect(inbox.unread).toBe(2);
  });
});

describe('the notifications page', () => {
  const page = {
    items: [
      aNotification({ id: 'n1' }),
      aNotification({ id: 'n2', readAt: '2026-03-01T00:00:00.000Z' }),
      aNotification({ id: 'n3' }),
    ],
    total: 3,
    page: 1,
    limit: 20,
    unread: 2,
  };

  it('marks one read, leaving the others and counting one fewer', () => {
    const marked = markedRead(page, ['n1'], 'now');
    expect(marked.items.map((item) => item.readAt)).toEqual(['now', '2026-03-01T00:00:00.000Z', null]);
    expect(marked.unread).toBe(1);
  });

  it('marks all read without changing when the read ones were read', () => {
    const marked = markedRead(page, undefined, 'now');
    expect(marked.items.map((item) => item.readAt)).toEqual(['now', '2026-03-01T00:00:00.000Z', 'now']);
    expect(marked.unread).toBe(0);
  });

  it('counts nothing for a notification that was read already', () => {
    expect(markedRead(page, ['n2'], 'now').unread).toBe(2);
  });

  it('follows links inside the app only', () => {
    expect(inAppLink('/applications')).toBe('/applications');
    expect(inAppLink('//evil.example/phish')).toBe('/notifications');
    expect(inAppLink('https://evil.example/')).toBe('/notifications');
    expect(inAppLink('javascript:alert(1)')).toBe('/notifications');
  });
});
