import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Notification } from '../adapters/store/port.ts';
import { PageQuery, errorResponses } from '../schemas/common.ts';
import {
  MarkReadBody,
  MarkReadResponse,
  NotificationSettings,
  NotificationSettingsBody,
  NotificationsPage,
  UnsubscribeQuery,
  UnsubscribeResponse,
} from '../schemas/hiring.ts';

const notificationAnswer = ({ userId: _owner, ...rest }: Notification) => rest;

/** In-app notifications, email settings, and the one-click unsubscribe every email links to. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { notifications } = app.services;
  const signedIn = app.authorize();

  app.get(
    '/me/notifications',
    {
      onRequest: signedIn,
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications',
        description:
          'Your in-app notifications, newest first, with how many are unread; paginated. Any signed-in user.',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: NotificationsPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const page = await notifications.list(request.viewer!, request.query);
      return { ...page, items: page.items.map(notificationAnswer) };
    },
  );

  app.post(
    '/me/notifications/read',
    {
      onRequest: signedIn,
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read',
        description:
          'Marks notifications read: those in `ids`, or all of them; answers how many changed and how ' +
          'many stay unread. Any signed-in user.',
        body: MarkReadBody,
        response: { 200: MarkReadResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => notifications.markRead(request.viewer!, request.body.ids),
  );

  app.get(
    '/me/notification-settings',
    {
      onRequest: signedIn,
      schema: {
        tags: ['notifications'],
        summary: 'Your email settings',
        description:
          'Which topics you get email for (every one until you turn it off; in-app notifications are ' +
          'always on). Any signed-in user.',
        response: { 200: NotificationSettings, ...errorResponses(401) },
      },
    },
    async (request) => notifications.settings(request.viewer!),
  );

  app.put(
    '/me/notification-settings',
    {
      onRequest: signedIn,
      schema: {
        tags: ['notifications'],
        summary: 'Change your email settings',
        description: 'Turns email topics on or off; topics left out stay as they are. Any signed-in user.',
        body: NotificationSettingsBody,
        response: { 200: NotificationSettings, ...errorResponses(400, 401) },
      },
    },
    async (request) => notifications.saveSettings(request.viewer!, request.body.email),
  );

  // Mail clients send RFC 8058 one-click unsubscribes as a form post; its body says nothing more.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null, undefined),
  );

  app.post(
    '/unsubscribe',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['notifications'],
        summary: 'Unsubscribe from an email topic',
        description:
          'One click from an email (or its List-Unsubscribe-Post header): turns off that topic’s email ' +
          'for the user the signed token names. Anonymous; 30 requests a minute per client.',
        querystring: UnsubscribeQuery,
        response: { 200: UnsubscribeResponse, ...errorResponses(400, 429) },
      },
    },
    async (request) => ({ unsubscribed: (await notifications.unsubscribe(request.query.token)).topic }),
  );
};

export default notificationRoutes;
