import { describe, expect, it } from 'vitest';
import { Submission } from '../../web/src/lib/forms/submission.svelte.ts';

describe('Submission', () => {
  it('is busy while sending, and a second send meanwhile is ignored', async () => {
    const submission = new Submission();
    let release!: () => void;
    let sends = 0;
    const send = () => {
      sends++;
      return new Promise<void>((resolve) => (release = resolve));
    };
    const first = submission.run(send);
    expect(submission.busy).toBe(true);
    expect(await submission.run(send)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect({ sends, busy: submission.busy, error: submission.error }).toEqual({
      sends: 1,
      busy: false,
      error: null,
    });
  });

  it('keeps the failure until the next attempt', async () => {
    const submission = new Submission();
    expect(await submission.run(() => Promise.reject(new Error('conflict')))).toBe(false);
    expect(submission.error).toEqual(new Error('conflict'));
    const retry = submission.run(() => Promise.resolve());
    expect(submission.error).toBeNull();
    expect(await retry).toBe(true);
  });
});
