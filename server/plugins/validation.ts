import type { FastifySchemaCompiler } from 'fastify';
import { registerAjvFormats } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

registerAjvFormats();

type Schema = Record<string, unknown>;

/** A schema every string satisfies or none does, so converting a string under it changes nothing. */
function takesStringsAsTheyAre(schema: Schema): boolean {
  if (schema['type'] === 'string') return true;
  if (Array.isArray(schema['enum'])) return schema['enum'].every((value) => typeof value === 'string');
  if (Array.isArray(schema['anyOf'])) {
    return (schema['anyOf'] as Schema[]).every(
      (member) => typeof member['const'] === 'string' || takesStringsAsTheyAre(member),
    );
  }
  return false;
}

/**
 * Converts the strings of a query string, params or headers to what the schema wants. For a flat object
 * (every part the routes declare), only the properties that are not strings are converted, each on its
 * own, which is what `Value.Convert` does for the whole object without walking the string properties
 * (walking a string enum costs it a type evaluation on every request).
 */
function stringConverter(schema: TSchema): (value: unknown) => unknown {
  const object = schema as Schema;
  const properties = object['properties'] as Record<string, Schema> | undefined;
  if (object['type'] !== 'object' || !properties || typeof object['additionalProperties'] === 'object') {
    return (value) => Value.Convert(schema, value);
  }
  const converted = Object.entries(properties).filter(([, property]) => !takesStringsAsTheyAre(property));
  const asStrings = Object.keys(properties).filter((key) => takesStringsAsTheyAre(properties[key]!));
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    for (const [key, property] of converted) {
      if (record[key] !== undefined) record[key] = Value.Convert(property, record[key]);
    }
    for (const key of asStrings) {
      if (record[key] !== undefined && typeof record[key] !== 'string') {
        record[key] = Value.Convert(properties[key]!, record[key]);
      }
    }
    return record;
  };
}

/**
 * Validates with TypeBox. Defaults are applied everywhere; types are converted only in the query
 * string, params and headers (which are strings on the wire) — a body with a wrong type is refused.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  const convert = httpPart === 'body' ? null : stringConverter(schema);
  return (input) => {
    const withDefaults = Value.Default(schema, Value.Clone(input)) as unknown;
    const value = convert ? convert(withDefaults) : withDefaults;
    if (check.Check(value)) return { value };
    return { error: check.Errors(value) as never };
  };
};
