import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** No request body of Backboard nests deeper than this; validators recurse, so deeper is refused first. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deeply `text` nests arrays and objects, read once without parsing (brackets inside strings do
 * not count). Stops counting at `limit + 1`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * Fastify's own JSON parser (prototype-poisoning checks included), behind a nesting limit checked in
 * linear time, so a body nested thousands of levels deep gets a 400 instead of exhausting the stack of
 * whatever walks it next.
 */
export default fp(
  async (app) => {
    const parse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (jsonDepth(body as string) > MAX_JSON_DEPTH) {
        done(
          new AppError('validation_failed', 'The JSON body nests too deeply', [
            { path: '/', message: `must nest at most ${MAX_JSON_DEPTH} levels of arrays and objects` },
          ]),
          undefined,
        );
        return;
      }
      parse(request, body as string, done);
    });
  },
  { name: 'json-body' },
);
