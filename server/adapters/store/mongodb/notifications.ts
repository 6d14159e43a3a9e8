import type { Notification, NotificationStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { iso, isoOrNull } from './mapping.ts';
import { pageOf } from './pages.ts';
import * as q from './queries/index.ts';
import type { NotificationDoc } from './schemas/notifications.ts';

export function notificationFromDoc(doc: NotificationDoc): Notification {
  return {
    id: doc._id,
    userId: doc.userId,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    link: doc.link,
    readAt: isoOrNull(doc.readAt),
    createdAt: iso(doc.createdAt),
  };
}

/** Notifications are written by deliveries (`deliveries.ts`); this reads them and marks them read. */
export function createNotificationStore(run: MongoRun): NotificationStore {
  return {
    list: (userId, page) =>
      run('notification', (models) =>
        pageOf(models.notifications, q.notificationsOf(userId, page), notificationFromDoc),
      ),
    unreadCount: (userId) =>
      run('notification', (models) => models.notifications.countDocuments(q.unreadNotificationsOf(userId))),
    markRead: (userId, ids) =>
      run('notification', async (models) => {
        const { filter, update } = q.notificationsMarkRead(userId, ids, new Date());
        return (await models.notifications.updateMany(filter, update)).modifiedCount;
      }),
  };
}
