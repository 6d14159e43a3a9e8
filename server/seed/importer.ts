import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { ListingStatus, SourceKey, Store, UpsertOutcome, User } from '../adapters/store/port.ts';
import { CsvLineReader, type CsvRecord } from './csv.ts';
import {
  shapeListingRecord,
  shapeProfileRecord,
  type FieldMap,
  type ListingRecord,
  type ProfileRecord,
  type Shaped,
} from './records.ts';

/**
 * Bulk import of postings and profiles from JSON Lines or CSV files into any store. Every record goes
 * through the API's request schemas; a bad record is skipped and reported with its line number, never
 * the whole file. Records are keyed by (source, source id), so re-running a file — or resuming one that
 * was interrupted — changes nothing that is already there. Writes bump versions, so the reconcile sweep
 * indexes and matches what was imported.
 */

export type ImportKind = 'postings' | 'profiles';
export type ImportFormat = 'jsonl' | 'csv';

/** Marks accounts that cannot log in: no argon2 hash ever equals it. */
export const DISABLED_PASSWORD_HASH = '!disabled';
/** Lines longer than this are skipped unread (an API body is capped far below). */
export const MAX_LINE_LENGTH = 1_000_000;

export interface ImportProblem {
  line: number;
  reason: string;
}

export interface ImportProgress {
  /** Records read so far (good or bad). */
  records: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: ImportProblem[];
  /** True when stopped by the abort signal before the end of the file. */
  interrupted: boolean;
  /** Last physical line read. */
  lastLine: number;
}

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  /** Inferred from the extension (.csv, else JSON Lines) when absent. */
  format?: ImportFormat;
  /** Names the origin of the records; with each record's id it keys them. Defaults to the file's base name. */
  source?: string;
  map?: FieldMap;
  /** Postings: email of the recruiter who owns them (default: an import account per company). */
  ownerEmail?: string;
  /** Checked before each record; an aborted import returns what it did so far, marked interrupted. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export function formatForFile(file: string): ImportFormat {
  return extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

export function defaultSourceFor(file: string): string {
  return basename(file, extname(file));
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'x'
  );
}

interface RawRecord {
  line: number;
  /** The record as an object, or why it could not be read at all. */
  value: Record<string, unknown> | string;
  content: string;
}

async function* readJsonLines(
  lines: AsyncIterable<{ text: string; line: number }>,
): AsyncGenerator<RawRecord> {
  for await (const { text, line } of lines) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, value: `broken JSON: ${(error as Error).message}`, content: text };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, value: 'a line must hold one JSON object', content: text };
      continue;
    }
    yield { line, value: value as Record<string, unknown>, content: text };
  }
}

async function* readCsv(lines: AsyncIterable<{ text: string; line: number }>): AsyncGenerator<RawRecord> {
  const reader = new CsvLineReader();
  let header: string[] | undefined;
  function* toRaw(records: CsvRecord[]): Generator<RawRecord> {
    for (const record of records) {
      if (record.error !== undefined) {
        yield { line: record.line, value: `broken CSV: ${record.error}`, content: '' };
        continue;
      }
      const fields = record.fields;
      if (fields.length === 1 && fields[0]!.trim() === '') continue;
      if (!header) {
        header = fields.map((field) => field.trim());
        continue;
      }
      if (fields.length !== header.length) {
        yield {
          line: record.line,
          value: `broken CSV: expected ${header.length} fields, found ${fields.length}`,
          content: '',
        };
        continue;
      }
      // An empty cell means "not given", so schema defaults apply.
      const value: Record<string, unknown> = {};
      header.forEach((name, index) => {
        const cell = fields[index]!;
        if (cell !== '') value[name] = cell;
      });
      yield { line: record.line, value, content: fields.join('\u001f') };
    }
  }
  for await (const { text, line } of lines) yield* toRaw(reader.push(text, line));
  yield* toRaw(reader.end());
}

/** Owners for imported listings: the named recruiter, or one disabled import account per company. */
function listingOwners(store: Store, ownerEmail: string | undefined) {
  const byCompany = new Map<string, { ownerId: string; companyId: string; company: string }>();
  let fixed: { ownerId: string; companyId: string; company: string } | undefined;
  return {
    async prepare(): Promise<void> {
      if (ownerEmail === undefined) return;
      const user = await store.users.findByEmail(ownerEmail.trim().toLowerCase());
      if (!user) throw new Error(`No account with the email ${ownerEmail}`);
      if (user.role !== 'recruiter' || !user.companyId)
        throw new Error(`${ownerEmail} is not a recruiter with a company`);
      const company = await store.companies.findById(user.companyId);
      if (!company) throw new Error(`The company of ${ownerEmail} no longer exists`);
      fixed = { ownerId: user.id, companyId: company.id, company: company.name };
    },
    async forCompany(name: string | undefined) {
      if (fixed) return fixed;
      const companyName = name ?? 'Imported listings';
      const key = companyName.toLowerCase();
      const known = byCompany.get(key);
      if (known) return known;
      const company = await store.companies.findOrCreate(companyName);
      const email = `listings@${slug(company.name)}.import.backboard.invalid`;
      const user =
        (await store.users.findByEmail(email)) ??
        (await store.users.create({
          email,
          name: `${company.name} (imported)`,
          role: 'recruiter',
          companyId: company.id,
          passwordHash: DISABLED_PASSWORD_HASH,
        }));
      const owner = { ownerId: user.id, companyId: company.id, company: company.name };
      byCompany.set(key, owner);
      return owner;
    },
  };
}

/** Creates or updates one listing keyed by its source; unchanged data leaves the version alone. */
export async function upsertListing(
  store: Store,
  owner: { ownerId: string; companyId: string; company: string },
  record: Pick<ListingRecord, 'data'> & { status?: ListingStatus },
  source: SourceKey,
): Promise<UpsertOutcome> {
  const { outcome } = await store.listings.upsertBySource({
    ...record.data,
    ...owner,
    status: record.status ?? 'open',
    source,
  });
  return outcome;
}

/** Email for an imported profile without one: stable for the same (source, id), so re-runs find it. */
export function importedProfileEmail(source: SourceKey): string {
  const digest = createHash('sha256').update(`${source.source}\u0000${source.sourceId}`).digest('hex');
  return `profile-${digest.slice(0, 24)}@${slug(source.source)}.import.backboard.invalid`;
}

async function ownerForProfile(
  store: Store,
  record: ProfileRecord,
  source: SourceKey,
): Promise<Shaped<User>> {
  const email = record.email ?? importedProfileEmail(source);
  const existing = await store.users.findByEmail(email);
  if (!existing) {
    const user = await store.users.create({
      email,
      name: record.name ?? (record.data.headline || 'Imported candidate'),
      role: 'candidate',
      companyId: null,
      passwordHash: DISABLED_PASSWORD_HASH,
    });
    return { ok: true, value: user };
  }
  if (existing.role !== 'candidate') return { ok: false, reason: `/email: ${email} is not a candidate` };
  const profile = await store.profiles.findByUserId(existing.id);
  const sameRecord = profile?.source?.source === source.source && profile.source.sourceId === source.sourceId;
  if (profile && !sameRecord) return { ok: false, reason: `/email: ${email} already has another profile` };
  return { ok: true, value: existing };
}

/** Creates or updates one profile (and its owner account) keyed by its source. */
export async function upsertProfile(
  store: Store,
  record: ProfileRecord,
  source: SourceKey,
): Promise<Shaped<UpsertOutcome>> {
  const owner = await ownerForProfile(store, record, source);
  if (!owner.ok) return owner;
  const { outcome } = await store.profiles.upsertBySource({ ...record.data, userId: owner.value.id, source });
  return { ok: true, value: outcome };
}

/** Reads `file` record by record into `store`; see the module comment for the guarantees. */
export async function importFile(store: Store, options: ImportOptions): Promise<ImportReport> {
  const format = options.format ?? formatForFile(options.file);
  const source = options.source ?? defaultSourceFor(options.file);
  const map = options.map ?? {};
  const owners = listingOwners(store, options.ownerEmail);
  if (options.kind === 'postings') await owners.prepare();

  const totalBytes = (await stat(options.file)).size;
  const stream = createReadStream(options.file, { encoding: 'utf8' });
  const lineReader = createInterface({ input: stream, crlfDelay: Infinity });
  const report: ImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    problems: [],
    interrupted: false,
    lastLine: 0,
  };
  const skip = (line: number, reason: string) => {
    report.skipped += 1;
    report.problems.push({ line, reason });
  };

  async function* numberedLines() {
    let line = 0;
    for await (const text of lineReader) {
      line += 1;
      report.lastLine = line;
      if (text.length > MAX_LINE_LENGTH) {
        skip(line, `line longer than ${MAX_LINE_LENGTH} characters`);
        continue;
      }
      yield { text, line };
    }
  }

  const records = format === 'csv' ? readCsv(numberedLines()) : readJsonLines(numberedLines());
  let read = 0;
  try {
    for await (const raw of records) {
      if (options.signal?.aborted) {
        report.interrupted = true;
        break;
      }
      read += 1;
      if (typeof raw.value === 'string') {
        skip(raw.line, raw.value);
      } else {
        const shapeOptions = { map, content: raw.content, convert: format === 'csv' };
        if (options.kind === 'postings') {
          const shaped = shapeListingRecord(raw.value, shapeOptions);
          if (!shaped.ok) skip(raw.line, shaped.reason);
          else {
            const owner = await owners.forCompany(shaped.value.company);
            const key = { source, sourceId: shaped.value.sourceId };
            report[await upsertListing(store, owner, shaped.value, key)] += 1;
          }
        } else {
          const shaped = shapeProfileRecord(raw.value, shapeOptions);
          if (!shaped.ok) skip(raw.line, shaped.reason);
          else {
            const outcome = await upsertProfile(store, shaped.value, {
              source,
              sourceId: shaped.value.sourceId,
            });
            if (outcome.ok) report[outcome.value] += 1;
            else skip(raw.line, outcome.reason);
          }
        }
      }
      options.onProgress?.({ records: read, bytesRead: stream.bytesRead, totalBytes });
    }
  } finally {
    lineReader.close();
    stream.destroy();
  }
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}
