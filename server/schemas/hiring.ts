import Type, { type Static } from 'typebox';
import { MAX_APPLICATION_NOTE } from '../domain/applications.ts';
import {
  APPLICATION_STAGES,
  EMAIL_TOPICS,
  EMAIL_KINDS,
  NOTIFICATION_KINDS,
  type EmailTopic,
} from '../shared/vocabulary.ts';
import { Id, OneOf, PageOf, PageQuery, RemotePolicy, Seniority, SkillRef, Text } from './common.ts';
import { Listing } from './listing.ts';
import { SkillGap } from './matching.ts';

/** The hiring loop's requests and answers: saved postings, applications, invitations, notifications. */

export const ApplicationStage = OneOf(APPLICATION_STAGES);

const Note = (description: string) => Text({ maxLength: MAX_APPLICATION_NOTE, description, default: '' });

export const ApplyBody = Type.Object(
  { note: Note('A note to the company, sent with the application.') },
  {
    additionalProperties: false,
    examples: [
      {
        note:
          'I built the ledger behind a card-payments API in Go on PostgreSQL; happy to walk you ' +
          'through how we kept it consistent under load.',
      },
    ],
  },
);

export const ApplicationChangeBody = Type.Object(
  {
    stage: ApplicationStage,
    note: Type.Optional(
      Text({
        maxLength: MAX_APPLICATION_NOTE,
        description: 'A private note for the company, never shown to the candidate.',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      { stage: 'interviewing', note: 'Strong on PostgreSQL; ask about Kafka in the system design round.' },
    ],
  },
);

export const ApplicationsQuery = Type.Object(
  { stage: Type.Optional(ApplicationStage), ...PageQuery },
  { additionalProperties: false },
);

export const StageChange = Type.Object({
  stage: ApplicationStage,
  at: Type.String(),
  by: Type.Union([Type.Literal('candidate'), Type.Literal('company')]),
});

const Place = Type.Union([Type.Object({ country: Type.String(), city: Type.String() }), Type.Null()]);

/** A posting as an application shows it; null once the company deleted the posting. */
export const ApplicationListing = Type.Union([
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    company: Type.String(),
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    location: Type.Object({ country: Type.String(), city: Type.String() }),
    remote: RemotePolicy,
  }),
  Type.Null(),
]);

/** What the candidate sees of their application: never the company's notes. */
export const CandidateApplication = Type.Object({
  id: Type.String(),
  listingId: Type.String(),
  listing: ApplicationListing,
  stage: ApplicationStage,
  note: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()]),
  timeline: Type.Array(StageChange),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CandidateApplication = Static<typeof CandidateApplication>;

/** What the listing's company sees: contact details (revealed by applying), the gap, its own notes. */
export const CompanyApplication = Type.Object({
  id: Type.String(),
  listingId: Type.String(),
  stage: ApplicationStage,
  note: Type.String(),
  candidate: Type.Object({
    name: Type.String(),
    email: Type.String(),
    headline: Type.String(),
    yearsExperience: Type.Number(),
    seniority: Type.Union([Seniority, Type.Null()]),
    location: Place,
    remote: Type.Union([RemotePolicy, Type.Null()]),
    skills: Type.Array(
      Type.Object({
        skill: SkillRef,
        level: Type.Optional(Type.Integer()),
        years: Type.Optional(Type.Number()),
      }),
    ),
  }),
  score: Type.Union([Type.Number(), Type.Null()]),
  gap: SkillGap,
  timeline: Type.Array(StageChange),
  companyNotes: Type.Array(Type.Object({ text: Type.String(), at: Type.String(), authorId: Type.String() })),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CompanyApplication = Static<typeof CompanyApplication>;

export const StageCounts = Type.Record(Type.String(), Type.Integer(), {
  description: 'Applications in each stage (stages with none left out).',
});

export const CandidateApplicationResponse = Type.Object({ application: CandidateApplication });
export const CompanyApplicationResponse = Type.Object({ application: CompanyApplication });
export const CandidateApplicationsPage = PageOf(CandidateApplication);
export const CompanyApplicationsPage = Type.Object({
  ...PageOf(CompanyApplication).properties,
  counts: StageCounts,
});

export const InviteBody = Type.Object(
  {
    profileId: Id,
    message: Text({
      maxLength: 1_000,
      default: '',
      description: 'A note to the candidate; contact details change hands only if they apply.',
    }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        profileId: '5b7e2c1a-9f4d-4e8b-a3c6-2d1f0e9b8a74',
        message: 'Your Go and PostgreSQL work looks like a close fit for our payments team. Would you apply?',
      },
    ],
  },
);

export const InvitationResponse = Type.Object({
  invitation: Type.Object({
    id: Type.String(),
    listingId: Type.String(),
    profileId: Type.String(),
    createdAt: Type.String(),
  }),
});

export const ListingIdParams = Type.Object({ listingId: Id }, { additionalProperties: false });

export const SavedPage = PageOf(Type.Object({ savedAt: Type.String(), listing: Listing }));
export const SavedResponse = Type.Object({
  saved: Type.Object({ listingId: Type.String(), savedAt: Type.String() }),
});

export const Notification = Type.Object({
  id: Type.String(),
  kind: OneOf(NOTIFICATION_KINDS),
  title: Type.String(),
  body: Type.String(),
  link: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export const NotificationsPage = Type.Object({
  ...PageOf(Notification).properties,
  unread: Type.Integer(),
});

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Id, { maxItems: 100, description: 'These notifications only; all of them when left out.' }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ ids: ['0f6d3b2e-7a41-4c9e-b8d2-5e1a9c4f7b30', '9c2e4a7f-1b3d-4f6a-8e5c-7d0b2a1f3e96'] }],
  },
);
export const MarkReadResponse = Type.Object({ changed: Type.Integer(), unread: Type.Integer() });

const TopicSwitches = Type.Object(
  Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, Type.Boolean()])) as Record<
    EmailTopic,
    Type.TBoolean
  >,
);
export const NotificationSettings = Type.Object({ email: TopicSwitches });
export const NotificationSettingsBody = Type.Object(
  { email: Type.Partial(TopicSwitches, { additionalProperties: false }) },
  { additionalProperties: false, examples: [{ email: { listings: false } }] },
);

export const UnsubscribeQuery = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 300 }) },
  { additionalProperties: false },
);
export const UnsubscribeResponse = Type.Object({ unsubscribed: OneOf(EMAIL_TOPICS) });

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('pending'),
        Type.Literal('sending'),
        Type.Literal('sent'),
        Type.Literal('kept'),
      ]),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const OutboxPage = PageOf(
  Type.Object({
    id: Type.String(),
    to: Type.String(),
    kind: OneOf(EMAIL_KINDS),
    subject: Type.String(),
    text: Type.String(),
    status: Type.String(),
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    sentAt: Type.Union([Type.String(), Type.Null()]),
  }),
);
