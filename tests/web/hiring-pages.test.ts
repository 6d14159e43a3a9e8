import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/lib/api.ts';
import { aboutTopic, EMAIL_TOPICS, topicSwitched } from '../../web/src/lib/email-topics.ts';
import { replaced } from '../../web/src/pages/applications/my-applications.ts';
import {
  outboxFilter,
  outboxStatusLabel,
  outboxStatusTone,
  OUTBOX_STATUSES,
} from '../../web/src/pages/admin/outbox.ts';
import {
  invitedLine,
  inviteProblem,
  inviteRefusal,
  withInvitation,
} from '../../web/src/pages/recruiter/invite-form.ts';
import { isBadLink, unsubscribeToken } from '../../web/src/pages/unsubscribe/unsubscribe.ts';
import { OutboxQuery } from '../../server/schemas/hiring.ts';
import { aCandidateApplication } from './factories.ts';

describe('inviting a candidate', () => {
  const answer = {
    items: [
      { profileId: 'p1', invitedAt: null },
      { profileId: 'p2', invitedAt: null },
    ],
  } as unknown as Parameters<typeof withInvitation>[0];

  it('marks only the invited candidate, so the list shows it without loading again', () => {
    const after = withInvitation(answer, 'p2', '2026-03-04T10:00:00.000Z');
    expect(after.items.map((item) => item.invitedAt)).toEqual([null, '2026-03-04T10:00:00.000Z']);
    expect(invitedLine('2026-03-04T10:00:00.000Z')).toBe('Invited on Mar 4, 2026');
  });

  it('refuses a message over 1,000 characters', () => {
    expect(inviteProblem('x'.repeat(1000))).toBeNull();
    expect(inviteProblem('x'.repeat(1002))).toBe('Shorten this by 2 characters.');
  });

  it('explains a refused invitation and leaves other failures to the usual message', () => {
    expect(inviteRefusal(new ApiError(409, 'conflict', 'This candidate is invited already'))).toBe(
      'This candidate is invited already. The list now shows where things stand.',
    );
    expect(inviteRefusal(new ApiError(500, 'internal', 'Something went wrong'))).toBeNull();
  });
});

describe('the admin outbox', () => {
  it('offers every status the API filters by, each in words', () => {
    const schema = OutboxQuery.properties.status as unknown as { anyOf: { const: string }[] };
    expect([...OUTBOX_STATUSES].sort()).toEqual(schema.anyOf.map((option) => option.const).sort());
    expect(outboxStatusLabel('kept')).toBe('Kept (no mail server)');
    expect(outboxStatusLabel('bounced')).toBe('bounced');
    expect(outboxStatusTone('pending')).toBe('warn');
  });

  it('turns the select into the API’s filter', () => {
    expect(outboxFilter('')).toBeNull();
    expect(outboxFilter('sent')).toBe('sent');
    expect(outboxFilter('nonsense')).toBeNull();
  });
});

describe('email topics and the unsubscribe page', () => {
  it('words every topic for a sentence', () => {
    expect(EMAIL_TOPICS.map(aboutTopic)).toEqual([
      'applications and their stages',
      'invitations to apply',
      'postings you applied to being closed',
    ]);
    expect(topicSwitched('invitations', false)).toBe(
      'You will no longer get email about invitations to apply.',
    );
    expect(topicSwitched('invitations', true)).toBe('You will get email about invitations to apply.');
  });

  it('reads the token from the link, and tells a bad link from a failure worth retrying', () => {
    expect(unsubscribeToken(new URLSearchParams('token=abc.def'))).toBe('abc.def');
    expect(unsubscribeToken(new URLSearchParams('token=%20'))).toBeNull();
    expect(unsubscribeToken(new URLSearchParams(''))).toBeNull();
    expect(isBadLink(new ApiError(400, 'bad_request', 'This unsubscribe link is not valid'))).toBe(true);
    expect(isBadLink(new ApiError(400, 'validation_failed', 'token too short'))).toBe(true);
    expect(isBadLink(new ApiError(0, 'network', 'offline'))).toBe(false);
  });
});

describe('my applications', () => {
  it('puts a changed application in place of its earlier copy', () => {
    const first = aCandidateApplication({ id: 'a1' });
    const second = aCandidateApplication({ id: 'a2' });
    const page = { items: [first, second], total: 2, page: 1, limit: 20 };
    const withdrawn = { ...second, stage: 'withdrawn' as const };
    expect(replaced(page, withdrawn).items).toEqual([first, withdrawn]);
  });
});
