import type { BackendPort, CallObserver } from '../metrics.ts';
import { currentScope } from '../request-scope.ts';
import type { SearchIndex } from './search/port.ts';
import type { Store } from './store/port.ts';

/** The store's sub-stores; their methods are measured as `<sub-store>.<method>`. */
const STORE_PARTS: ReadonlySet<string> = new Set([
  'users',
  'companies',
  'listings',
  'profiles',
  'refreshTokens',
  'matches',
  'documents',
]);
const NONE: ReadonlySet<string> = new Set();

/**
 * Wraps an adapter so that every call returning a promise is timed: into the metrics observer and into
 * the current request's tally (for the slow-request log). A Proxy rather than hand-written wrappers,
 * so every adapter, present and future, is measured the same way. Calls that return no promise
 * (`scan`'s async iterables) pass through untimed.
 */
function instrument<T extends object>(
  target: T,
  context: {
    port: BackendPort;
    adapter: string;
    observe: CallObserver;
    prefix: string;
    parts: ReadonlySet<string>;
  },
): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof property !== 'string') return value;
      const cached = wrapped.get(property);
      if (cached !== undefined) return cached;
      let result: unknown = value;
      if (typeof value === 'function') {
        result = timed(
          value as (...args: unknown[]) => unknown,
          object,
          `${context.prefix}${property}`,
          context,
        );
      } else if (value !== null && typeof value === 'object' && context.parts.has(property)) {
        result = instrument(value, { ...context, prefix: `${property}.`, parts: NONE });
      } else {
        return value;
      }
      wrapped.set(property, result);
      return result;
    },
  });
}

function timed(
  fn: (...args: unknown[]) => unknown,
  self: object,
  operation: string,
  context: { port: BackendPort; adapter: string; observe: CallObserver },
): (...args: unknown[]) => unknown {
  const { port, adapter, observe } = context;
  return (...args: unknown[]) => {
    const started = performance.now();
    const result = fn.apply(self, args);
    if (!(result instanceof Promise)) return result;
    const scope = currentScope();
    const finish = (ok: boolean) => {
      const ms = performance.now() - started;
      observe(port, { operation, adapter, seconds: ms / 1000, ok });
      if (scope) {
        scope[port].calls += 1;
        scope[port].ms += ms;
      }
    };
    return result.then(
      (value: unknown) => {
        finish(true);
        return value;
      },
      (error: unknown) => {
        finish(false);
        throw error;
      },
    );
  };
}

export function instrumentStore(store: Store, adapter: string, observe: CallObserver): Store {
  return instrument(store, { port: 'store', adapter, observe, prefix: '', parts: STORE_PARTS });
}

export function instrumentSearchIndex(
  search: SearchIndex,
  adapter: string,
  observe: CallObserver,
): SearchIndex {
  return instrument(search, { port: 'search', adapter, observe, prefix: '', parts: NONE });
}
