import type { FastifySchemaCompiler } from 'fastify';
import { registerAjvFormats } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

registerAjvFormats();

/**
 * Validates with TypeBox. Defaults are applied everywhere; types are converted only in the query
 * string, params and headers (which are strings on the wire) — a body with a wrong type is refused.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (input) => {
    const withDefaults = Value.Default(schema, Value.Clone(input)) as unknown;
    const value = httpPart === 'body' ? withDefaults : Value.Convert(schema, withDefaults);
    if (check.Check(value)) return { value };
    return { error: check.Errors(value) as never };
  };
};
