import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSchema } from 'typebox';
import { validatorCompiler } from '../../server/plugins/validation.ts';
import * as authSchemas from '../../server/schemas/auth.ts';
import * as candidateSchemas from '../../server/schemas/candidates.ts';
import * as commonSchemas from '../../server/schemas/common.ts';
import * as hiringSchemas from '../../server/schemas/hiring.ts';
import * as listingSchemas from '../../server/schemas/listing.ts';
import * as matchingSchemas from '../../server/schemas/matching.ts';
import * as profileSchemas from '../../server/schemas/profile.ts';
import * as searchSchemas from '../../server/schemas/search.ts';
import * as skillSchemas from '../../server/schemas/skills.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

type Json = { [key: string]: unknown };
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: Json;
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Json; example?: unknown }> };
}

/** The schema each route with a body validates it with. */
const BODY_SCHEMAS: Record<string, TSchema> = {
  'POST /api/auth/signup': authSchemas.SignupBody,
  'POST /api/auth/confirm-email': authSchemas.ConfirmEmailBody,
  'POST /api/auth/login': authSchemas.LoginBody,
  'POST /api/listings': listingSchemas.ListingCreateBody,
  'PATCH /api/listings/{id}': listingSchemas.ListingPatchBody,
  'PUT /api/me/profile': profileSchemas.ProfileBody,
  'POST /api/skills/extract': skillSchemas.ExtractBody,
  'POST /api/salary-bands/preview': listingSchemas.BandPreviewBody,
  'POST /api/listings/{id}/applications': hiringSchemas.ApplyBody,
  'PATCH /api/applications/{id}': hiringSchemas.ApplicationChangeBody,
  'POST /api/listings/{id}/invitations': hiringSchemas.InviteBody,
  'POST /api/me/notifications/read': hiringSchemas.MarkReadBody,
  'PUT /api/me/notification-settings': hiringSchemas.NotificationSettingsBody,
};

const SCHEMA_MODULES = [
  authSchemas,
  candidateSchemas,
  commonSchemas,
  hiringSchemas,
  listingSchemas,
  matchingSchemas,
  profileSchemas,
  searchSchemas,
  skillSchemas,
];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `/api/listings/` and `/api/listings/:id` as `/api/listings` and `/api/listings/{id}`. */
const normalisePath = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');

/** Whether the API's own validator (defaults applied, then checked) takes `value` as a body. */
function accepts(schema: TSchema, value: unknown): boolean {
  const result = validatorCompiler({ schema, method: 'POST', url: '/', httpPart: 'body' })(value) as {
    error?: unknown;
  };
  return result.error === undefined;
}

/** Every sub-schema (a schema itself included) with `examples`, found by walking it. */
function schemasWithExamples(schema: unknown, found = new Set<Json>()): Set<Json> {
  if (Array.isArray(schema)) for (const item of schema) schemasWithExamples(item, found);
  if (!isObject(schema)) return found;
  if (Array.isArray(schema['examples'])) found.add(schema);
  for (const value of Object.values(schema)) schemasWithExamples(value, found);
  return found;
}

/** Names an object schema lists as required though they have a default, at any depth. */
function requiredDefaults(schema: unknown, at: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => requiredDefaults(item, `${at}/${i}`));
  if (!isObject(schema)) return [];
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const own = (Array.isArray(schema['required']) ? (schema['required'] as string[]) : [])
    .filter((name) => isObject(properties[name]) && properties[name]['default'] !== undefined)
    .map((name) => `${at}/${name}`);
  return own.concat(
    Object.entries(schema).flatMap(([key, value]) => requiredDefaults(value, `${at}/${key}`)),
  );
}

/** `METHOD /path` of every route Fastify's route tree (`printRoutes`) holds, HEAD and OPTIONS left out. */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const ancestors: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    ancestors.length = match[1]!.length / 4;
    const path = ancestors.join('') + match[2]!;
    ancestors.push(match[2]!);
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${normalisePath(path)}`);
    }
  }
  return [...new Set(routes)];
}

describe('the OpenAPI document at /docs/json', () => {
  let t: TestApp;
  let operations: Map<string, Operation>;

  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, Record<string, Operation>>;
    operations = new Map(
      Object.entries(paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => [
          `${method.toUpperCase()} ${normalisePath(path)}`,
          operation,
        ]),
      ),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every registered /api route, and /metrics not at all', () => {
    const api = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter((route) =>
      route.split(' ')[1]!.startsWith('/api/'),
    );
    expect(api.length).toBeGreaterThanOrEqual(40);
    expect([...operations.keys()].filter((key) => key.includes(' /api/')).sort()).toEqual(api.sort());
    expect(operations.has('GET /metrics')).toBe(false);
  });

  it('gives every operation a summary and a description', () => {
    const missing = [...operations].flatMap(([key, operation]) => [
      ...(operation.summary?.trim() ? [] : [`${key}: summary`]),
      ...(operation.description?.trim() ? [] : [`${key}: description`]),
    ]);
    expect(missing).toEqual([]);
  });

  it('marks no parameter or body field that has a default as required', () => {
    const parameters = [...operations].flatMap(([key, operation]) =>
      (operation.parameters ?? [])
        .filter((parameter) => parameter.required && parameter.schema?.['default'] !== undefined)
        .map((parameter) => `${key} ${parameter.in}:${parameter.name}`),
    );
    expect(parameters).toEqual([]);
    const bodyFields = [...operations].flatMap(([key, operation]) =>
      Object.values(operation.requestBody?.content ?? {}).flatMap((media) =>
        requiredDefaults(media.schema, key),
      ),
    );
    expect(bodyFields).toEqual([]);
    // Still documented as defaults, and what has none is still required.
    const search = operations.get('GET /api/listings/search')!.parameters!;
    expect(search.find((parameter) => parameter.name === 'page')).toMatchObject({
      required: false,
      schema: { default: 1 },
    });
    const mine = operations.get('GET /api/listings')!.parameters!;
    expect(mine.find((parameter) => parameter.name === 'mine')?.required).toBe(true);
  });

  it('shows an example of every request body that the route’s own schema accepts', () => {
    const withBody = [...operations].filter(([, operation]) => operation.requestBody).map(([key]) => key);
    expect(withBody.sort()).toEqual(Object.keys(BODY_SCHEMAS).sort());
    for (const [key, schema] of Object.entries(BODY_SCHEMAS)) {
      const example = operations.get(key)!.requestBody!.content['application/json']?.example;
      expect(example, key).toBeDefined();
      expect(example, key).toEqual((schema as { examples?: unknown[] }).examples?.[0]);
      expect(accepts(schema, example), key).toBe(true);
    }
  });

  it('shows an example of the search text and of every search filter', () => {
    const search = operations.get('GET /api/listings/search')!.parameters!;
    const withoutExample = search
      .filter((parameter) => !['sort', 'page', 'limit'].includes(parameter.name))
      .filter((parameter) => parameter.example === undefined)
      .map((parameter) => parameter.name);
    expect(withoutExample).toEqual([]);
  });

  it('keeps every example in the schemas valid against the schema it sits in', () => {
    const schemas = new Set<Json>();
    for (const module of SCHEMA_MODULES) schemasWithExamples(Object.values(module), schemas);
    expect(schemas.size).toBeGreaterThanOrEqual(Object.keys(BODY_SCHEMAS).length + 15);
    const invalid = [...schemas].flatMap((schema) =>
      (schema['examples'] as unknown[])
        .filter((example) => !accepts(schema as unknown as TSchema, example))
        .map((example) => JSON.stringify(example)),
    );
    expect(invalid).toEqual([]);
  });
});
