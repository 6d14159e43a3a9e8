import {
  APPLICATION_STAGE_LABEL,
  EMAIL_TOPIC_LABEL,
  type ApplicationStage,
  type EmailTopic,
  type NotificationKind,
} from '../../shared/vocabulary.ts';

/** What a notification says, in the app and in its email. */
export interface MessageContent {
  title: string;
  body: string;
  /** A path in the web app. */
  link: string;
}

const posting = (id: string) => `/jobs/${encodeURIComponent(id)}`;

/** The words of each kind of notification; the one place their copy lives. */
export const MESSAGES = {
  applicationReceived(input: { listingId: string; listingTitle: string; candidateName: string }) {
    return {
      kind: 'application-received',
      title: `New application: ${input.listingTitle}`,
      body: `${input.candidateName} applied to ${input.listingTitle}.`,
      link: `/recruiter/listings/${encodeURIComponent(input.listingId)}/applications`,
    } as const;
  },
  stageChanged(input: { listingId: string; listingTitle: string; company: string; stage: ApplicationStage }) {
    const stage = APPLICATION_STAGE_LABEL[input.stage];
    return {
      kind: 'stage-changed',
      title:
        input.stage === 'rejected'
          ? `${input.company} will not move forward: ${input.listingTitle}`
          : `${input.listingTitle}: ${stage}`,
      body:
        input.stage === 'rejected'
          ? `${input.company} decided not to move forward with your application for ${input.listingTitle}.`
          : `${input.company} moved your application for ${input.listingTitle} to ${stage}.`,
      link: '/applications',
    } as const;
  },
  invited(input: { listingId: string; listingTitle: string; company: string; message: string }) {
    return {
      kind: 'invited',
      title: `${input.company} invites you to apply: ${input.listingTitle}`,
      body: [
        `${input.company} saw your profile and invites you to apply to ${input.listingTitle}.`,
        input.message ? `Their message: “${input.message}”` : '',
        'Your contact details stay private unless you apply.',
      ]
        .filter(Boolean)
        .join(' '),
      link: posting(input.listingId),
    } as const;
  },
  listingClosed(input: { listingId: string; listingTitle: string; company: string }) {
    return {
      kind: 'listing-closed',
      title: `Closed: ${input.listingTitle}`,
      body: `${input.company} closed ${input.listingTitle}, which you applied to. Your application stays in your list.`,
      link: '/applications',
    } as const;
  },
} satisfies Record<string, (input: never) => MessageContent & { kind: NotificationKind }>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email of a notification: plain text and simple HTML, each with the link and the way out. */
export function emailFor(
  content: MessageContent,
  urls: { link: string; unsubscribe: string; settings: string },
  topic: EmailTopic,
): { subject: string; text: string; html: string } {
  const footer = `You get these emails for “${EMAIL_TOPIC_LABEL[topic]}”.`;
  return {
    subject: content.title,
    text: [
      content.body,
      '',
      `Open Backboard: ${urls.link}`,
      '',
      '—',
      footer,
      `Unsubscribe: ${urls.unsubscribe}`,
      `All email settings: ${urls.settings}`,
    ].join('\n'),
    html: [
      `<p>${escapeHtml(content.body)}</p>`,
      `<p><a href="${escapeHtml(urls.link)}">Open Backboard</a></p>`,
      `<hr><p style="color:#555;font-size:13px">${escapeHtml(footer)} `,
      `<a href="${escapeHtml(urls.unsubscribe)}">Unsubscribe</a> · `,
      `<a href="${escapeHtml(urls.settings)}">Email settings</a></p>`,
    ].join(''),
  };
}

/** What an account email says: a short note and the one link it is about. */
export interface AccountMessage {
  subject: string;
  body: string;
  action: { label: string; url: string };
  footer: string;
}

/** The words of the account emails (sign-up); sent whatever the notification settings say. */
export const ACCOUNT_MESSAGES = {
  confirmEmail(input: { confirmUrl: string }): AccountMessage {
    return {
      subject: 'Confirm your email for Backboard',
      body: 'Open the link below and enter the password you chose to confirm this address and log in. The link works for 48 hours.',
      action: { label: 'Confirm my email', url: input.confirmUrl },
      footer: 'If you did not sign up for Backboard, ignore this email: no account is used without it.',
    };
  },
  companyTaken(input: { signupUrl: string }): AccountMessage {
    return {
      subject: 'Your Backboard sign-up needs another company name',
      body: 'The company name given in a sign-up with this address already hires on Backboard, so the account cannot be used. If you work there, ask a colleague who recruits on Backboard; otherwise sign up again with your company’s full name.',
      action: { label: 'Sign up again', url: input.signupUrl },
      footer:
        'If you did not sign up for Backboard, ignore this email: nobody can use an account in your name without it.',
    };
  },
  signUpAttempt(input: { loginUrl: string }): AccountMessage {
    return {
      subject: 'Someone tried to sign up with your email',
      body: 'Somebody tried to create a Backboard account with this address, which already has one. If it was you, log in instead.',
      action: { label: 'Log in to Backboard', url: input.loginUrl },
      footer: 'If it was not you, nothing changed: your account and password are as they were.',
    };
  },
};

export function accountEmail(message: AccountMessage): { subject: string; text: string; html: string } {
  return {
    subject: message.subject,
    text: [message.body, '', `${message.action.label}: ${message.action.url}`, '', '—', message.footer].join(
      '\n',
    ),
    html: [
      `<p>${escapeHtml(message.body)}</p>`,
      `<p><a href="${escapeHtml(message.action.url)}">${escapeHtml(message.action.label)}</a></p>`,
      `<hr><p style="color:#555;font-size:13px">${escapeHtml(message.footer)}</p>`,
    ].join(''),
  };
}
