import type Database from 'better-sqlite3';
import type { Notification, NotificationKind, NotificationStore } from '../port.ts';
import { now, pageOf, placeholders } from './rows.ts';

interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  dedupe_key: string;
  read_at: string | null;
  created_at: string;
}

const notificationFromRow = (row: NotificationRow): Notification => ({
  id: row.id,
  userId: row.user_id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  readAt: row.read_at,
  createdAt: row.created_at,
});

/** Notifications are written by deliveries (`deliveries.ts`); this reads them and marks them read. */
export function createNotificationStore(db: Database.Database): NotificationStore {
  return {
    async list(userId, page) {
      return pageOf<NotificationRow, Notification>(
        db,
        'SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC',
        'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ?',
        [userId],
        page,
        notificationFromRow,
      );
    },
    async unreadCount(userId) {
      return db
        .prepare<[string], { n: number }>(
          'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
        )
        .get(userId)!.n;
    },
    async markRead(userId, ids) {
      // Already-read notifications keep their first readAt and do not count as changed.
      const unread = 'UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL';
      if (ids === undefined) return db.prepare(unread).run(now(), userId).changes;
      if (ids.length === 0) return 0;
      return db.prepare(`${unread} AND id IN (${placeholders(ids.length)})`).run(now(), userId, ...ids)
        .changes;
    },
  };
}
