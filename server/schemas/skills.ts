import Type from 'typebox';

/** `GET /api/skills`: autocomplete over the taxonomy. */
export const SkillSuggestQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 80, examples: ['postg'] }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

/** `POST /api/skills/extract`: the skills a text names. */
export const ExtractBody = Type.Object(
  { text: Type.String({ maxLength: 100_000 }) },
  {
    additionalProperties: false,
    examples: [
      {
        text:
          'We run Go services on PostgreSQL and Kafka, deployed to Kubernetes. ' +
          'You have 5+ years of Go and have operated PostgreSQL in production.',
      },
    ],
  },
);
