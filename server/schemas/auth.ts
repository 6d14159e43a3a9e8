import Type, { type Static } from 'typebox';
import { Line } from './common.ts';

export const SignupBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    name: Line({ minLength: 1, maxLength: 100 }),
    role: Type.Union([Type.Literal('candidate'), Type.Literal('recruiter')]),
    company: Type.Optional(Line({ minLength: 1, maxLength: 120 })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        email: 'rita.okafor@acme-payments.example',
        password: 'lantern-orchard-copper-7',
        name: 'Rita Okafor',
        role: 'recruiter',
        company: 'Acme Payments',
      },
    ],
  },
);
export type SignupBody = Static<typeof SignupBody>;

/** The same for every valid sign-up: a new address, an unconfirmed one, or one registered long ago. */
export const SignupResponse = Type.Object({
  status: Type.Literal('confirmation-sent'),
  email: Type.String(),
  confirmUrl: Type.Optional(
    Type.String({
      description:
        'Only without a mail server outside production (nobody could receive the email): the link it carries',
    }),
  ),
});

export const ConfirmEmailBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 500 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        token: '0b6f1c1e-4f7a-4d0e-9a51-3c2f8e7d9b10.1796400000.q1w2e3r4t5y6u7i8o9p0',
        password: 'lantern-orchard-copper-7',
      },
    ],
  },
);

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  {
    additionalProperties: false,
    examples: [{ email: 'rita.okafor@acme-payments.example', password: 'lantern-orchard-copper-7' }],
  },
);
export type LoginBody = Static<typeof LoginBody>;

export const PublicUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('candidate'), Type.Literal('recruiter'), Type.Literal('admin')]),
  company: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
});
export type PublicUser = Static<typeof PublicUser>;

export const SessionResponse = Type.Object({
  user: PublicUser,
  accessToken: Type.String(),
  expiresIn: Type.Integer(),
});
export type SessionResponse = Static<typeof SessionResponse>;
