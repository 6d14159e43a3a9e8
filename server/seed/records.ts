import { createHash } from 'node:crypto';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { DEFAULT_LEVEL } from '../shared/levels.ts';
import { distinctExtractedSkills, extractSkills } from '../domain/extraction.ts';
import { plainTextOfMarkdown } from '../posting-text.ts';
import { shapeListing, type ListingData } from '../domain/listing.ts';
import { shapeProfile, type ProfileData } from '../domain/profile.ts';
import { AppError } from '../errors.ts';
import type { ListingStatus } from '../shared/vocabulary.ts';
import { ListingCreateBody } from '../schemas/listing.ts';
import { ProfileBody } from '../schemas/profile.ts';
import { issueMessage } from '../schemas/common.ts';

/**
 * Shaping imported records (a JSON object, or a CSV row keyed by its header) into what the API would
 * accept, then validating them with the API's own request schemas. Pure: no I/O.
 */

/** Renames applied before anything else: target field (dotted paths allowed) → field in the file. */
export type FieldMap = Readonly<Record<string, string>>;

/** Fields an import record may carry beside the API body. */
const LISTING_EXTRAS = ['id', 'company', 'status'] as const;
const PROFILE_EXTRAS = ['id', 'email', 'name'] as const;

export const MAX_SOURCE_ID_LENGTH = 200;
export const MAX_REQUIREMENTS = 40;

export type Shaped<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ListingRecord {
  sourceId: string;
  company: string | undefined;
  status: ListingStatus;
  data: ListingData;
}

export interface ProfileRecord {
  sourceId: string;
  email: string | undefined;
  name: string | undefined;
  data: ProfileData;
}

/** Parses `title=Title,location.country=Country` into a field map. */
export function parseFieldMap(text: string): FieldMap {
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const [target, source, ...rest] = pair.split('=');
    if (!target?.trim() || !source?.trim() || rest.length > 0) {
      throw new Error(`--map expects target=source pairs separated by commas; got "${pair}"`);
    }
    map[target.trim()] = source.trim();
  }
  return map;
}

/** Applies the renames, then expands dotted keys ("salary.min") into nested objects. */
export function applyFieldMap(raw: Record<string, unknown>, map: FieldMap): Record<string, unknown> {
  const renamedFrom = new Set(Object.values(map));
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!renamedFrom.has(key)) flat[key] = value;
  for (const [target, source] of Object.entries(map)) if (source in raw) flat[target] = raw[source];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (!key.includes('.')) {
      out[key] = value;
      continue;
    }
    const path = key.split('.');
    let node = out;
    for (const part of path.slice(0, -1)) {
      const child = node[part];
      if (typeof child !== 'object' || child === null || Array.isArray(child)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return out;
}

/**
 * A source id for the record: its `id` field, else a hash of its content (so an unchanged line re-imports
 * as the same record; an edited line without an id is a new record).
 */
function sourceIdOf(record: Record<string, unknown>, content: string): Shaped<string> {
  const id = record.id;
  if (id === undefined || id === null || id === '') {
    return { ok: true, value: 'sha256:' + createHash('sha256').update(content).digest('hex').slice(0, 32) };
  }
  if (typeof id !== 'string' && typeof id !== 'number')
    return { ok: false, reason: '/id: must be a string or number' };
  const value = String(id).trim();
  if (value.length > MAX_SOURCE_ID_LENGTH)
    return { ok: false, reason: `/id: longer than ${MAX_SOURCE_ID_LENGTH} characters` };
  return { ok: true, value };
}

/** `a;b` or `a,b` as a list of its non-empty parts. */
function listOfText(text: string): string[] {
  return text
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** "Go", "Go:4", "Go:4:2" (name, level, weight) or "Go:5y" (years, profiles only), `;`-separated. */
function parseSkillText(text: string, kind: 'requirement' | 'profile'): Record<string, unknown>[] {
  return text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [skill = '', level, weight] = entry.split(':').map((part) => part.trim());
      const out: Record<string, unknown> = { skill };
      if (kind === 'profile' && level?.endsWith('y')) out.years = Number(level.slice(0, -1));
      else if (level) out.level = Number(level);
      else if (kind === 'profile') out.level = DEFAULT_LEVEL;
      if (weight && kind === 'requirement') out.weight = Number(weight);
      return out;
    });
}

function skillListOf(value: unknown, kind: 'requirement' | 'profile'): unknown {
  if (typeof value === 'string') return parseSkillText(value, kind);
  if (!Array.isArray(value)) return value;
  return value.map((entry) =>
    typeof entry === 'string' ? (parseSkillText(entry, kind)[0] ?? { skill: entry }) : entry,
  );
}

const compiled = new Map<TSchema, ReturnType<typeof Compile>>();
function validator(schema: TSchema) {
  let check = compiled.get(schema);
  if (!check) {
    check = Compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/** The schema's verdict in one line: the first few problems with their paths, as the API reports them. */
export function validate<T>(schema: TSchema, value: unknown, convert: boolean): Shaped<T> {
  const check = validator(schema);
  // A complete record passes as it is; defaults (the slower path) are filled only when it does not.
  if (!convert && check.Check(value)) return { ok: true, value: value as T };
  const withDefaults = Value.Default(schema, value) as unknown;
  const candidate = convert ? Value.Convert(schema, withDefaults) : withDefaults;
  if (check.Check(candidate)) return { ok: true, value: candidate as T };
  const problems = [...check.Errors(candidate)]
    .filter((error) => error.keyword !== 'boolean')
    .slice(0, 3)
    .map((error) => `${error.instancePath || '/'}: ${issueMessage(error)}`);
  return { ok: false, reason: problems.join('; ') || 'invalid record' };
}

function withoutKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...record };
  for (const key of keys) delete out[key];
  return out;
}

function optionalText(record: Record<string, unknown>, key: string, max: number): Shaped<string | undefined> {
  const value = record[key];
  if (value === undefined || value === null || value === '') return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, reason: `/${key}: must be string` };
  if (value.length > max) return { ok: false, reason: `/${key}: longer than ${max} characters` };
  return { ok: true, value: value.trim() };
}

/**
 * Required skills the description names, when the record lists none: the skills engine's reading of
 * the text a candidate would see (hidden HTML names nothing).
 */
function requirementsFromText(description: string): Record<string, unknown>[] {
  return distinctExtractedSkills(extractSkills(plainTextOfMarkdown(description)))
    .slice(0, MAX_REQUIREMENTS)
    .map((found) => ({ skill: found.skill.name, level: found.level ?? DEFAULT_LEVEL }));
}

/**
 * A posting record → listing data, validated with `ListingCreateBody`. `content` is the record's raw
 * text (for the fallback source id); `convert` turns CSV strings into the numbers the schema wants.
 */
export function shapeListingRecord(
  raw: Record<string, unknown>,
  options: { map: FieldMap; content: string; convert: boolean },
): Shaped<ListingRecord> {
  const record = applyFieldMap(raw, options.map);
  const sourceId = sourceIdOf(record, options.content);
  if (!sourceId.ok) return sourceId;
  const company = optionalText(record, 'company', 120);
  if (!company.ok) return company;
  const status = record.status ?? 'open';
  if (status !== 'open' && status !== 'closed')
    return { ok: false, reason: '/status: must be open or closed' };

  const body = withoutKeys(record, LISTING_EXTRAS);
  for (const key of ['requiredSkills', 'niceToHaveSkills'] as const) {
    if (key in body) body[key] = skillListOf(body[key], 'requirement');
  }
  // In CSV (or hand-written JSON) the areas may come as one "EU;DE" string.
  if (typeof body.remoteRegions === 'string') body.remoteRegions = listOfText(body.remoteRegions);
  const noSkillsGiven = !Array.isArray(body.requiredSkills) || body.requiredSkills.length === 0;
  if (noSkillsGiven && typeof body.description === 'string' && body.description.length <= 20_000) {
    body.requiredSkills = requirementsFromText(body.description);
  }
  const valid = validate<ListingCreateBody>(ListingCreateBody, body, options.convert);
  if (!valid.ok) return valid;
  const data = shaped(() => shapeListing(valid.value));
  if (!data.ok) return data;
  return { ok: true, value: { sourceId: sourceId.value, company: company.value, status, data: data.value } };
}

/** The shaping rules' verdict as the API words it (`/path: message`), or the shaped value. */
function shaped<T>(shape: () => T): Shaped<T> {
  try {
    return { ok: true, value: shape() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const problems = error.details.map((detail) => `${detail.path ?? '/'}: ${detail.message}`);
    return { ok: false, reason: problems.join('; ') || error.message };
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A profile record → profile data, validated with `ProfileBody`. */
export function shapeProfileRecord(
  raw: Record<string, unknown>,
  options: { map: FieldMap; content: string; convert: boolean },
): Shaped<ProfileRecord> {
  const record = applyFieldMap(raw, options.map);
  const sourceId = sourceIdOf(record, options.content);
  if (!sourceId.ok) return sourceId;
  const email = optionalText(record, 'email', 254);
  if (!email.ok) return email;
  if (email.value !== undefined && !EMAIL.test(email.value))
    return { ok: false, reason: '/email: must be an email address' };
  const name = optionalText(record, 'name', 100);
  if (!name.ok) return name;

  const body = withoutKeys(record, PROFILE_EXTRAS);
  if ('skills' in body) body.skills = skillListOf(body.skills, 'profile');
  if (options.convert && typeof body.discoverable === 'string')
    body.discoverable = body.discoverable.trim().toLowerCase() === 'true';
  const valid = validate<ProfileBody>(ProfileBody, body, options.convert);
  if (!valid.ok) return valid;
  const data = shaped(() => shapeProfile(valid.value));
  if (!data.ok) return data;
  return {
    ok: true,
    value: {
      sourceId: sourceId.value,
      email: email.value?.toLowerCase(),
      name: name.value,
      data: data.value,
    },
  };
}
