/** The admin page's view of the email outbox (`GET /api/admin/emails`). */
import type { OutboxStatus } from '../../lib/types.ts';

/** Every status, in the order an email passes through them, with what it means for the admin. */
export const OUTBOX_STATUS_LABEL: Readonly<Record<OutboxStatus, string>> = {
  pending: 'Waiting to be sent',
  sending: 'Being sent',
  sent: 'Sent',
  kept: 'Kept (no mail server)',
};

export const OUTBOX_STATUSES = Object.keys(OUTBOX_STATUS_LABEL) as OutboxStatus[];

/** The answer's status is a plain string: an unknown one shows as it is. */
export function outboxStatusLabel(status: string): string {
  return (OUTBOX_STATUS_LABEL as Record<string, string>)[status] ?? status;
}

export function outboxStatusTone(status: string): 'good' | 'warn' | '' {
  if (status === 'sent' || status === 'kept') return 'good';
  if (status === 'pending' || status === 'sending') return 'warn';
  return '';
}

/** The status filter as the select holds it ('' for every status), as the API takes it. */
export function outboxFilter(value: string): OutboxStatus | null {
  return (OUTBOX_STATUSES as string[]).includes(value) ? (value as OutboxStatus) : null;
}
