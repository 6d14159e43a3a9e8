import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Resource } from '../../web/src/lib/resource.svelte.ts';

/** A promise the test settles when it chooses, to hold a load under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** A loader whose every call waits for the test; `calls` holds each call's signal and settlers. */
function heldLoader<T>() {
  const calls: (ReturnType<typeof deferred<T>> & { signal: AbortSignal })[] = [];
  const loader = (signal: AbortSignal) => {
    const call = { ...deferred<T>(), signal };
    calls.push(call);
    return call.promise;
  };
  return { loader, calls };
}

describe('Resource', () => {
  it('shows loading, then the value', async () => {
    const { loader, calls } = heldLoader<string>();
    const data = new Resource(loader);
    expect(data).toMatchObject({ value: undefined, loading: false, error: null });
    const done = data.load();
    expect(data.loading).toBe(true);
    calls[0]?.resolve('listing');
    await done;
    expect(data).toMatchObject({ value: 'listing', loading: false, error: null });
  });

  it('keeps the last value when a load fails, and load forgets the failure while it tries again', async () => {
    const { loader, calls } = heldLoader<string>();
    const data = new Resource(loader);
    const first = data.load();
    calls[0]?.resolve('page 1');
    await first;
    const failing = data.load();
    calls[1]?.reject(new Error('offline'));
    await failing;
    expect(data).toMatchObject({ value: 'page 1', loading: false });
    expect(data.error).toEqual(new Error('offline'));

    const retry = data.load();
    expect(data.error).toBeNull();
    calls[2]?.resolve('page 1 again');
    await retry;
    expect(data.value).toBe('page 1 again');
  });

  it('reload keeps the failure on show until an answer replaces it', async () => {
    const { loader, calls } = heldLoader<string>();
    const data = new Resource(loader);
    const failing = data.load();
    calls[0]?.reject(new Error('offline'));
    await failing;
    const again = data.reload();
    expect(data.error).toEqual(new Error('offline'));
    calls[1]?.resolve('back');
    await again;
    expect(data).toMatchObject({ value: 'back', error: null });
  });

  it('drops the answer of a load that was overtaken, and aborts it', async () => {
    const { loader, calls } = heldLoader<string>();
    const data = new Resource(loader);
    const slow = data.load();
    const fast = data.load();
    expect(calls[0]?.signal.aborted).toBe(true);
    calls[1]?.resolve('page 2');
    await fast;
    calls[0]?.resolve('page 1');
    await slow;
    expect(data).toMatchObject({ value: 'page 2', loading: false });
  });

  it('writes nothing after stop, not even a failure', async () => {
    const { loader, calls } = heldLoader<string>();
    const data = new Resource(loader);
    const done = data.load();
    data.stop();
    expect(calls[0]?.signal.aborted).toBe(true);
    calls[0]?.reject(new DOMException('aborted', 'AbortError'));
    await done;
    expect(data).toMatchObject({ value: undefined, error: null, loading: false });
  });
});

describe('Resource polling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  type Answer = { pending: boolean; items: string[] };
  const pollWhilePending = { pollEvery: (answer: Answer) => (answer.pending ? 2000 : null) };

  it('looks again every interval while the answer is pending, then stops', async () => {
    const answers: Answer[] = [
      { pending: true, items: [] },
      { pending: true, items: ['a'] },
      { pending: false, items: ['a', 'b'] },
    ];
    const loader = vi.fn(async () => answers.shift() ?? { pending: false, items: [] });
    const data = new Resource(loader, pollWhilePending);
    await data.load();
    expect(loader).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(loader).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(data.value?.items).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(data.value).toEqual({ pending: false, items: ['a', 'b'] });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(loader).toHaveBeenCalledTimes(3);
  });

  it('keeps polling after a failed look, from the last answer that came', async () => {
    const loader = vi
      .fn<() => Promise<Answer>>()
      .mockResolvedValueOnce({ pending: true, items: [] })
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ pending: false, items: ['a'] });
    const data = new Resource(loader, pollWhilePending);
    await data.load();
    await vi.advanceTimersByTimeAsync(2000);
    expect(data.error).toEqual(new Error('offline'));
    expect(data.value).toEqual({ pending: true, items: [] });
    await vi.advanceTimersByTimeAsync(2000);
    expect(data).toMatchObject({ value: { pending: false, items: ['a'] }, error: null });
  });

  it('does not poll after stop, nor twice when a load comes between polls', async () => {
    const loader = vi.fn(async (): Promise<Answer> => ({ pending: true, items: [] }));
    const data = new Resource(loader, pollWhilePending);
    await data.load();
    await vi.advanceTimersByTimeAsync(1000);
    await data.load();
    await vi.advanceTimersByTimeAsync(1000);
    expect(loader).toHaveBeenCalledTimes(2);
    data.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(loader).toHaveBeenCalledTimes(2);
  });
});
