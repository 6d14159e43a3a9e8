import { describe, expect, it } from 'vitest';
import {
  finishedBetween,
  isUnderWay,
  jobsLeft,
  percentDone,
  rebuildStatusText,
  withStarted,
  type Rebuild,
} from '../../web/src/pages/admin/rebuilds.ts';
import type { AdminOperation, QueuesAnswer } from '../../web/src/lib/types.ts';

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

function aRebuild(operation: Partial<AdminOperation> = {}, left = 0): Rebuild {
  return { operation: anOperation(operation), left };
}

function queues(counts: Record<string, Partial<QueuesAnswer['counts'][string]>>): QueuesAnswer {
  const full = (partial: Partial<QueuesAnswer['counts'][string]>) => ({
    waiting: 0,
    active: 0,
    delayed: 0,
    completed: 0,
    failed: 0,
    ...partial,
  });
  return {
    adapter: 'in-process',
    counts: Object.fromEntries(Object.entries(counts).map(([name, partial]) => [name, full(partial)])),
    failed: [],
  };
}

describe('rebuild operations on the admin page', () => {
  it('count the jobs of its own queues that have not run yet', () => {
    const answer = queues({
      index: { waiting: 2_990, active: 2, delayed: 10, completed: 5 },
      'match-listing': { waiting: 7 },
      'match-profile': { active: 1 },
    });
    expect(jobsLeft('reindex', answer)).toBe(3_002);
    expect(jobsLeft('rematch', answer)).toBe(8);
  });

  it('is not finished while the jobs it queued still wait, though the server says "done"', () => {
    const waiting = aRebuild({ status: 'done', total: 3_002, enqueued: 3_002 }, 3_002);
    expect(rebuildStatusText(waiting)).toBe('running: 3,002 jobs still to run · all 3,002 queued');
    expect(isUnderWay(waiting)).toBe(true);
    expect(percentDone(waiting)).toBe(50);

    const finished = { ...waiting, left: 0 };
    expect(rebuildStatusText(finished)).toBe('finished: all 3,002 jobs ran');
    expect(isUnderWay(finished)).toBe(false);
    expect(percentDone(finished)).toBe(100);
  });

  it('says how far queueing is, and when it failed', () => {
    expect(rebuildStatusText(aRebuild())).toBe('queueing jobs: 10 of 40 queued');
    expect(percentDone(aRebuild({}, 10))).toBe(13);
    expect(percentDone(aRebuild({}, 0))).toBe(25);
    expect(rebuildStatusText(aRebuild({ status: 'failed' }))).toBe('failed after queueing 10 of 40');
    expect(isUnderWay(aRebuild({ status: 'failed' }))).toBe(false);
  });

  it('announce a rebuild once, when its jobs have run', () => {
    const queued = aRebuild({ status: 'done', enqueued: 40 }, 12);
    const ran = { ...queued, left: 0 };
    const failed = aRebuild({ id: 'op-2', status: 'failed' });
    expect(finishedBetween([aRebuild(), aRebuild({ id: 'op-2' })], [queued, failed])).toEqual([]);
    expect(finishedBetween([queued], [ran])).toEqual([ran]);
    expect(finishedBetween([ran], [ran])).toEqual([]);
  });

  it('list a started operation first, replacing an earlier copy of it', () => {
    const older = aRebuild({ id: 'op-0', kind: 'rematch' });
    const started = anOperation({ enqueued: 0 });
    expect(withStarted([aRebuild(), older], started)).toEqual([{ operation: started, left: 0 }, older]);
  });
});
