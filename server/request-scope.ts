import { AsyncLocalStorage } from 'node:async_hooks';

/** Calls into one backend (store or search) during a scope: how many and how long, summed. */
export interface CallTally {
  calls: number;
  ms: number;
}

/**
 * What one HTTP request (or one job) is doing: its request id, which follows it into the jobs it
 * enqueues, and the time its store and search calls took, for the slow-request log.
 */
export interface RequestScope {
  requestId: string | undefined;
  store: CallTally;
  search: CallTally;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function newRequestScope(requestId: string | undefined): RequestScope {
  return { requestId, store: { calls: 0, ms: 0 }, search: { calls: 0, ms: 0 } };
}

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

export function currentScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** The id of the request being served, if any: the change feed copies it into job data. */
export function currentRequestId(): string | undefined {
  return scopes.getStore()?.requestId;
}
