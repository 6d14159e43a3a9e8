/** Data a page loads from the API, with the states every page shows: loading, failed, loaded. */

export interface ResourceOptions<T> {
  /**
   * How long to wait after an answer before looking again, in milliseconds, or null to stop. Pages poll
   * while the server says results are still `pending`: matching runs in the background after a write.
   */
  pollEvery?: (value: T) => number | null;
}

export type Loader<T> = (signal: AbortSignal) => Promise<T>;

/**
 * The latest answer of a loader, whether a load is under way, and the last failure. Only the newest load
 * may write: the answer to a load that was overtaken or stopped is dropped, so a slow first page cannot
 * overwrite the second.
 */
export class Resource<T> {
  /** Undefined until the first answer arrives; kept while later loads are under way or fail. */
  value = $state<T | undefined>(undefined);
  error = $state<unknown>(null);
  loading = $state(false);

  readonly #loader: Loader<T>;
  readonly #pollEvery: ((value: T) => number | null) | undefined;
  #controller: AbortController | null = null;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(loader: Loader<T>, options: ResourceOptions<T> = {}) {
    this.#loader = loader;
    this.#pollEvery = options.pollEvery;
  }

  /** Loads, forgetting an earlier failure so the page shows it is loading; also the "Try again". */
  load = (): Promise<void> => this.#run({ forgetError: true });

  /** Looks again without disturbing the page: the value and any failure stay until the answer comes. */
  reload = (): Promise<void> => this.#run({ forgetError: false });

  /** Cancels the load under way and the next poll, so nothing writes once the page has gone. */
  stop(): void {
    clearTimeout(this.#pollTimer);
    this.#controller?.abort();
    this.#controller = null;
    this.loading = false;
  }

  async #run({ forgetError }: { forgetError: boolean }): Promise<void> {
    this.stop();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    if (forgetError) this.error = null;
    try {
      const value = await this.#loader(controller.signal);
      if (controller.signal.aborted) return;
      this.value = value;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    }
    this.#controller = null;
    this.loading = false;
    this.#pollAfter(this.value);
  }

  /** A failed look does not end a watch: polling carries on from the last answer that came. */
  #pollAfter(value: T | undefined): void {
    if (value === undefined || !this.#pollEvery) return;
    const delay = this.#pollEvery(value);
    if (delay !== null) this.#pollTimer = setTimeout(() => void this.reload(), delay);
  }
}

/**
 * A resource owned by the component being set up: it loads once the component is mounted, loads again
 * whenever state its loader reads before its first `await` changes (a route parameter, a page number),
 * and stops when the component goes. With `when`, it waits until that holds (the session is known, say).
 */
export function resource<T>(
  loader: Loader<T>,
  options: ResourceOptions<T> & { when?: () => boolean } = {},
): Resource<T> {
  const data = new Resource(loader, options);
  $effect(() => {
    if (options.when && !options.when()) return;
    void data.load();
    return () => data.stop();
  });
  return data;
}
