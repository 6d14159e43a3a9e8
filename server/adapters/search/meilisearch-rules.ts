import { MeilisearchApiError } from 'meilisearch';
import { AppError } from '../../errors.ts';
import { effectiveQueryText, MAX_QUERY_LENGTH } from './port.ts';

/**
 * How Meilisearch reads what the adapter sends, as its documentation and source describe it: the query
 * text, dictionary words, filter keys, its errors and its keys. Pure, so the translation tests cover it.
 */

/**
 * The query text as Meilisearch should read it. Not trimmed at the end: a trailing space is how
 * Meilisearch knows the last word is finished ("rust " must not match "Rustworks", "c " every word
 * starting with c). Emoji are words to its tokenizer, so with matching strategy "all" a query holding
 * one would match nothing: they become spaces.
 */
export function meiliQueryText(raw: string): string {
  const q = effectiveQueryText(raw) === '' ? '' : raw.slice(0, MAX_QUERY_LENGTH);
  return q
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\p{Emoji_Modifier}|\p{Regional_Indicator}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^ /, '')
    .replace(/^ $/, '');
}

/**
 * The spellings of one dictionary word Meilisearch should keep whole. Its dictionary is matched before
 * normalisation, so case-sensitive: "ASP.NET" and "Node.JS" need entries of their own. Each part between
 * symbols in lower, upper or capitalised case (at most 3^parts spellings, and technology words have few).
 */
export function casingsOf(word: string): string[] {
  const parts = word.split(/([^\p{L}\p{N}]+)/u);
  let spellings = [''];
  for (const part of parts) {
    const forms = /[\p{L}]/u.test(part)
      ? [
          ...new Set([
            part.toLowerCase(),
            part.toUpperCase(),
            part.charAt(0).toUpperCase() + part.slice(1).toLowerCase(),
          ]),
        ]
      : [part];
    spellings = spellings.flatMap((prefix) => forms.map((form) => prefix + form));
  }
  return spellings;
}

export const filterKeyOf = (value: string): string => Buffer.from(value, 'utf8').toString('hex');

/**
 * A driver error as a domain error: the server unreachable, timed out or failing (5xx) is "unavailable"
 * (503, worth a retry); a 4xx answer means this adapter sent something wrong or lacks access, which a
 * retry will not fix, so it is an internal error with Meilisearch's code in the message.
 */
export function meiliErrorToAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MeilisearchApiError && error.response.status < 500) {
    return new AppError(
      'internal',
      `Meilisearch refused a request (${error.cause?.code ?? error.response.status}): ${message}`,
    );
  }
  return new AppError('unavailable', `Meilisearch: ${message}`);
}

/** The name Meilisearch gives the admin key it creates with the instance. */
export const DEFAULT_ADMIN_KEY_NAME = 'Default Admin API Key';

/** The key to send with requests, from the instance's keys: its default admin key. */
export function defaultAdminKeyOf(keys: readonly { name: string | null; key: string }[]): string {
  const admin = keys.find((k) => k.name === DEFAULT_ADMIN_KEY_NAME);
  if (!admin) {
    throw new AppError(
      'unavailable',
      `Meilisearch: no "${DEFAULT_ADMIN_KEY_NAME}" on this instance; set MEILI_API_KEY to a key with access to the index`,
    );
  }
  return admin.key;
}
