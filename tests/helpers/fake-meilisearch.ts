import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the part of Meilisearch's HTTP API that the adapter's writes use, modelling the
 * behaviour they depend on (Meilisearch v1.x, index-scheduler and milli):
 * - a document addition, a deletion or a settings update is a task, enqueued when its request arrives;
 *   an index's tasks are applied one at a time in the order received (`taskUid` order);
 * - a deletion by filter evaluates its filter when the task is applied, not when it is received;
 * - `POST /documents/fetch` reads the documents as the tasks applied so far left them;
 * - a filter may name only filterable attributes, with the grammar of milli's filter parser (OR over
 *   AND over NOT-less conditions, parentheses, `=`, `<=`, `>=`, `IN [...]`; in a double-quoted value
 *   only `\"` is unescaped). Anything else is refused as Meilisearch refuses it, with a 400.
 * Requests can be held (answered, or enqueued, only when the test says), to make writers race.
 */
export interface FakeMeilisearch {
  url: string;
  documents: Map<string, Record<string, unknown>>;
  /** Every change applied, in order: `add a@2`, `remove a@1`. */
  applied: string[];
  /**
   * Holds the next request on `path` until `release()`: a fetch reads the documents when it arrives
   * but answers on release; an addition or deletion is enqueued (received) only on release.
   */
  holdNext(path: string): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

interface Task {
  uid: number;
  indexUid: string;
  type: string;
  status: 'enqueued' | 'succeeded' | 'failed';
  error: { message: string; code: string; type: string; link: string } | null;
  apply: () => void;
}

type Doc = Record<string, unknown>;
type Predicate = (doc: Doc) => boolean;

class FilterError extends Error {}

/** Filterable attributes as index settings give them: names, or granular rules with their patterns. */
type Filterable = readonly (string | { attributePatterns: string[] })[];

const namesOf = (filterable: Filterable): string[] =>
  filterable.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.attributePatterns));

/** Parses a filter as milli's filter-parser does (the subset above) into a predicate. */
export function parseMeiliFilter(filter: string, filterableAttributes: Filterable): Predicate {
  const filterable = namesOf(filterableAttributes);
  const tokens = filter.match(/"(?:\\"|[^"])*"|<=|>=|!=|=|<|>|\(|\)|\[|\]|,|[^\s()[\],"=<>!]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw new FilterError(`unexpected end of filter: ${filter}`);
    return token;
  };
  const value = (): string | number => {
    const token = next();
    if (token.startsWith('"')) {
      if (!token.endsWith('"') || token.length < 2) throw new FilterError(`unclosed quote in ${filter}`);
      return token.slice(1, -1).replace(/\\"/g, '"');
    }
    if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
    if (/^[\w.-]+$/.test(token)) return token;
    throw new FilterError(`expected a value, got ${token}`);
  };
  const compare = (actual: unknown, expected: string | number, operator: string): boolean => {
    const values = Array.isArray(actual) ? actual : [actual];
    return values.some((v) => {
      if (operator === '=') return String(v).toLowerCase().trim() === String(expected).toLowerCase().trim();
      if (typeof v !== 'number' || typeof expected !== 'number') return false;
      return operator === '<=' ? v <= expected : operator === '>=' ? v >= expected : false;
    });
  };
  const primary = (): Predicate => {
    if (peek() === '(') {
      next();
      const inner = or();
      if (next() !== ')') throw new FilterError(`expected ) in ${filter}`);
      return inner;
    }
    const attribute = next();
    if (!filterable.includes(attribute)) {
      throw new FilterError(`Attribute \`${attribute}\` is not filterable`);
    }
    const operator = next();
    if (operator === 'IN') {
      if (next() !== '[') throw new FilterError('expected [');
      const list: (string | number)[] = [];
      for (let token = peek(); token !== ']'; token = peek()) {
        list.push(value());
        if (peek() === ',') next();
      }
      next();
      return (doc) => list.some((v) => compare(doc[attribute], v, '='));
    }
    if (!['=', '<=', '>='].includes(operator)) throw new FilterError(`unsupported operator ${operator}`);
    const expected = value();
    return (doc) => compare(doc[attribute], expected, operator);
  };
  const and = (): Predicate => {
    const parts = [primary()];
    while (peek() === 'AND') {
      next();
      parts.push(primary());
    }
    return (doc) => parts.every((p) => p(doc));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (peek() === 'OR') {
      next();
      parts.push(and());
    }
    return (doc) => parts.some((p) => p(doc));
  };
  const predicate = or();
  if (at !== tokens.length) throw new FilterError(`trailing tokens in ${filter}`);
  return predicate;
}

function predicateOf(filter: unknown, filterable: Filterable): Predicate {
  // An array of strings is ANDed, as Meilisearch reads it.
  const parts = (Array.isArray(filter) ? filter : [filter]).map((f) =>
    parseMeiliFilter(String(f), filterable),
  );
  return (doc) => parts.every((p) => p(doc));
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? undefined : JSON.parse(text);
}

export async function startFakeMeilisearch(options: {
  indexUid: string;
  filterableAttributes: Filterable;
}): Promise<FakeMeilisearch> {
  const documents = new Map<string, Doc>();
  const applied: string[] = [];
  const tasks: Task[] = [];
  const holds = new Map<string, { arrived: () => void; gate: Promise<void> }>();
  let applying = false;

  /** Applies enqueued tasks one after another, in the order received. */
  function drain(): void {
    if (applying) return;
    applying = true;
    setImmediate(() => {
      for (const task of tasks) {
        if (task.status !== 'enqueued') continue;
        try {
          task.apply();
          task.status = 'succeeded';
        } catch (error) {
          task.status = 'failed';
          task.error = {
            message: (error as Error).message,
            code: 'invalid_document_filter',
            type: 'invalid_request',
            link: 'https://docs.meilisearch.com/errors#invalid_document_filter',
          };
        }
      }
      applying = false;
    });
  }

  function enqueue(type: string, apply: () => void) {
    const task: Task = {
      uid: tasks.length,
      indexUid: options.indexUid,
      type,
      status: 'enqueued',
      error: null,
      apply,
    };
    tasks.push(task);
    drain();
    return {
      taskUid: task.uid,
      indexUid: task.indexUid,
      status: 'enqueued',
      type,
      enqueuedAt: new Date().toISOString(),
    };
  }

  function reply(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }

  const base = `/indexes/${options.indexUid}/documents`;
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const body = await bodyOf(request);
      const hold = holds.get(url.pathname);
      if (hold) holds.delete(url.pathname);
      hold?.arrived();
      try {
        if (request.method === 'POST' && url.pathname === `${base}/fetch`) {
          const { filter, fields, limit } = body as { filter: unknown; fields?: string[]; limit?: number };
          const matches = predicateOf(filter, options.filterableAttributes);
          const results = [...documents.values()]
            .filter(matches)
            .slice(0, limit ?? 20)
            .map((doc) => (fields ? Object.fromEntries(fields.map((f) => [f, doc[f]])) : doc));
          if (hold) await hold.gate;
          return reply(response, 200, { results, offset: 0, limit: limit ?? 20, total: results.length });
        }
        if (request.method === 'POST' && url.pathname === base) {
          if (hold) await hold.gate;
          const docs = body as Doc[];
          return reply(
            response,
            202,
            enqueue('documentAdditionOrUpdate', () => {
              for (const doc of docs) {
                documents.set(String(doc.id), doc);
                applied.push(`add ${String(doc.id)}@${String(doc.version)}`);
              }
            }),
          );
        }
        if (request.method === 'POST' && url.pathname === `${base}/delete`) {
          const { filter } = body as { filter: unknown };
          // The filter is checked when received (a bad one is refused at once), evaluated when applied.
          const matches = predicateOf(filter, options.filterableAttributes);
          if (hold) await hold.gate;
          return reply(
            response,
            202,
            enqueue('documentDeletion', () => {
              for (const [id, doc] of documents) {
                if (!matches(doc)) continue;
                documents.delete(id);
                applied.push(`remove ${id}@${String(doc.version)}`);
              }
            }),
          );
        }
        const task = /^\/tasks\/(\d+)$/.exec(url.pathname);
        if (request.method === 'GET' && task) {
          const found = tasks[Number(task[1])];
          if (!found) return reply(response, 404, { message: 'task not found', code: 'task_not_found' });
          const { apply: _apply, ...shown } = found;
          return reply(response, 200, shown);
        }
        return reply(response, 404, {
          message: `${request.method} ${url.pathname} is not modelled`,
          code: 'not_modelled',
          type: 'invalid_request',
          link: '',
        });
      } catch (error) {
        if (!(error instanceof FilterError)) throw error;
        return reply(response, 400, {
          message: error.message,
          code: 'invalid_document_filter',
          type: 'invalid_request',
          link: 'https://docs.meilisearch.com/errors#invalid_document_filter',
        });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    documents,
    applied,
    holdNext(path) {
      let arrived!: () => void;
      let release!: () => void;
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      holds.set(path, { arrived, gate });
      return { arrived: arrival, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
