/** The notifications page's list, kept in step with what is marked read. */
import type { NotificationsAnswer } from '../../lib/types.ts';

/** The page with these notifications (all without `ids`) read at `at`; the unread count follows. */
export function markedRead(
  page: NotificationsAnswer,
  ids: string[] | undefined,
  at: string,
): NotificationsAnswer {
  const marks = (id: string) => !ids || ids.includes(id);
  let changed = 0;
  const items = page.items.map((item) => {
    if (item.readAt || !marks(item.id)) return item;
    changed += 1;
    return { ...item, readAt: at };
  });
  return { ...page, items, unread: ids ? Math.max(0, page.unread - changed) : 0 };
}
