import Type, { type Static } from 'typebox';
import {
  CurrencyCode,
  Line,
  Location,
  RemotePolicy,
  SalaryPeriod,
  Seniority,
  SkillName,
  SkillRef,
} from './common.ts';

const SkillWithLevel = Type.Object(
  { skill: SkillName, level: Type.Integer({ minimum: 1, maximum: 5 }) },
  { additionalProperties: false },
);
const SkillWithYears = Type.Object(
  { skill: SkillName, years: Type.Number({ minimum: 0, maximum: 60 }) },
  { additionalProperties: false },
);

export const ExpectedSalary = Type.Object(
  { min: Type.Number({ minimum: 0, maximum: 100_000_000 }), currency: CurrencyCode, period: SalaryPeriod },
  { additionalProperties: false },
);

export const ProfileBody = Type.Object(
  {
    headline: Line({ maxLength: 200, optional: true, default: '' }),
    yearsExperience: Type.Number({ minimum: 0, maximum: 60, default: 0 }),
    seniority: Type.Union([Seniority, Type.Null()], { default: null }),
    location: Type.Union([Location, Type.Null()], { default: null }),
    remote: Type.Union([RemotePolicy, Type.Null()], { default: null }),
    expectedSalary: Type.Union([ExpectedSalary, Type.Null()], { default: null }),
    skills: Type.Array(Type.Union([SkillWithLevel, SkillWithYears]), { maxItems: 100, default: [] }),
    discoverable: Type.Boolean({ default: false }),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Expected current version (optimistic concurrency)' }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        headline: 'Backend engineer: Go, PostgreSQL and payment systems',
        yearsExperience: 7,
        seniority: 'senior',
        location: { country: 'NL', city: 'Rotterdam' },
        remote: 'remote',
        expectedSalary: { min: 80_000, currency: 'EUR', period: 'year' },
        skills: [
          { skill: 'Go', level: 4 },
          { skill: 'PostgreSQL', years: 5 },
          { skill: 'Kubernetes', level: 2 },
        ],
        discoverable: true,
        version: 3,
      },
    ],
  },
);
export type ProfileBody = Static<typeof ProfileBody>;

export const Profile = Type.Object({
  id: Type.String(),
  headline: Type.String(),
  yearsExperience: Type.Number(),
  seniority: Type.Union([Seniority, Type.Null()]),
  location: Type.Union([Type.Object({ country: Type.String(), city: Type.String() }), Type.Null()]),
  remote: Type.Union([RemotePolicy, Type.Null()]),
  expectedSalary: Type.Union([
    Type.Object({ min: Type.Number(), currency: Type.String(), period: SalaryPeriod }),
    Type.Null(),
  ]),
  skills: Type.Array(
    Type.Object({
      skill: SkillRef,
      level: Type.Optional(Type.Integer()),
      years: Type.Optional(Type.Number()),
    }),
  ),
  discoverable: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ProfileAnswer = Static<typeof Profile>;

export const ProfileResponse = Type.Object({ profile: Type.Union([Profile, Type.Null()]) });
