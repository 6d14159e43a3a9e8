import fastifySwagger, { type SwaggerTransform } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

type JsonSchema = { [key: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of a request schema in which no property that has a `default` is listed as `required`, at any
 * depth. The schemas themselves keep them required on purpose: the validator applies every default
 * before it checks (plugins/validation.ts), so a handler always receives the value and its TypeBox type
 * says so; marking them `Type.Optional` would type them `T | undefined` and make every handler repeat
 * the default. A client, though, may leave them out, and that is what the docs must say.
 */
export function withoutRequiredDefaults<S>(schema: S): S {
  if (Array.isArray(schema)) return schema.map(withoutRequiredDefaults) as S;
  if (!isSchema(schema)) return schema;
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = withoutRequiredDefaults(value);
  const properties = copy['properties'];
  if (Array.isArray(copy['required']) && isSchema(properties)) {
    const required = (copy['required'] as string[]).filter(
      (name) => !(isSchema(properties[name]) && properties[name]['default'] !== undefined),
    );
    // OpenAPI 3.0 refuses an empty `required` list.
    if (required.length > 0) copy['required'] = required;
    else delete copy['required'];
  }
  return copy as S;
}

/** Only what a client sends is rewritten; path parameters are always required, responses always hold their fields. */
const documentRoute: SwaggerTransform = ({ schema, url }) => {
  if (!schema) return { schema, url };
  const { querystring, headers, body } = schema;
  return {
    url,
    schema: {
      ...schema,
      ...(querystring ? { querystring: withoutRequiredDefaults(querystring) } : {}),
      ...(headers ? { headers: withoutRequiredDefaults(headers) } : {}),
      ...(body ? { body: withoutRequiredDefaults(body) } : {}),
    },
  };
};

/** The OpenAPI document at `/docs/json` and its browsable UI at `/docs`. */
export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: 'Backboard API',
          version: '0.1.0',
          description:
            'Job board for back-end developers that tells every candidate how they match each posting. ' +
            'Sign in at `/api/auth/login` (or sign up) and send the access token as `Authorization: Bearer …`; ' +
            'each operation says who may call it. Lists are paginated by `page` (from 1) and `limit`. ' +
            'Errors answer `{ error: { code, message, details } }`. Writes without a limit of their own ' +
            'share a budget of WRITE_RATE_LIMIT requests a minute per account (per client when anonymous); ' +
            'over it they answer 429.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
      transform: documentRoute,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'api-docs' },
);
