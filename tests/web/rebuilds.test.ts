import { describe, expect, it } from 'vitest';
import { finishedBetween, percentDone, withStarted } from '../../web/src/pages/admin/rebuilds.ts';
import type { AdminOperation } from '../../web/src/lib/types.ts';

function anOperation(overrides: Partial<AdminOperation> = {}): AdminOperation {
  return {
    id: 'op-1',
    kind: 'reindex',
    status: 'running',
    total: 40,
    enqueued: 10,
    startedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('rebuild operations on the admin page', () => {
  it('measure progress by the share of work queued, and a finished one as whole', () => {
    expect(percentDone(anOperation())).toBe(25);
    expect(percentDone(anOperation({ total: 0, enqueued: 0 }))).toBe(0);
    expect(percentDone(anOperation({ status: 'done', enqueued: 39 }))).toBe(100);
  });

  it('announce an operation once, when it is seen to go from running to done', () => {
    const running = anOperation();
    const done = anOperation({ status: 'done', enqueued: 40 });
    const failed = anOperation({ id: 'op-2', status: 'failed' });
    expect(finishedBetween([running, { ...failed, status: 'running' }], [done, failed])).toEqual([done]);
    expect(finishedBetween([done], [done])).toEqual([]);
  });

  it('list a started operation first, replacing an earlier copy of it', () => {
    const older = anOperation({ id: 'op-0', kind: 'rematch' });
    const started = anOperation({ enqueued: 0 });
    expect(withStarted([anOperation(), older], started)).toEqual([started, older]);
  });
});
