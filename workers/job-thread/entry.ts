/**
 * The job thread: runs the CPU-bound jobs (matching, salary bands) of the embedded default off the
 * API's event loop, on its own connection to the same SQLite file. The main thread's in-process queue
 * keeps order, retries and idleness; this thread only runs what it is handed and answers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PermanentJobError } from '../../server/adapters/queue/port.ts';
import { openEmbeddedStore } from '../../server/adapters/index.ts';
import { createMatchIndex } from '../../server/services/matching/match-index.ts';
import { createMatchWrites } from '../../server/services/matching/write.ts';
import { createSalaryService } from '../../server/services/salary.ts';
import { createCpuProcessors } from '../processors/index.ts';
import type { FromJobThread, JobThreadSetup, ToJobThread } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('workers/job-thread/entry.ts runs as a worker thread');
const setup = workerData as JobThreadSetup;

const send = (message: FromJobThread) => port.postMessage(message);

/** Opens the store and builds the processors; what stops it is told to the main thread in words. */
async function setUp() {
  try {
    const store = openEmbeddedStore(setup.file);
    const reference = setup.salaryReference
      ? (await import('../../server/seed/salary-reference.ts')).loadSalaryReferenceSamples
      : undefined;
    const processors = createCpuProcessors({
      matching: createMatchWrites(store, createMatchIndex(store)),
      salary: createSalaryService(store, reference),
    });
    return { store, processors };
  } catch (error) {
    send({ type: 'fatal', message: (error as Error).message });
    process.exit(1);
  }
}

const { store, processors } = await setUp();
const running = new Set<Promise<void>>();

async function run(message: Extract<ToJobThread, { type: 'run' }>): Promise<void> {
  const processor = processors[message.name] as (data: unknown, context: unknown) => Promise<unknown>;
  try {
    const result = await processor(message.data, {
      jobId: message.jobId,
      attempt: message.attempt,
      // The in-process queue keeps no progress (the admin page shows BullMQ's), so none is sent back.
      progress: async () => {},
    });
    send({ type: 'done', id: message.id, result });
  } catch (error) {
    const failure = error as Error;
    send({
      type: 'failed',
      id: message.id,
      message: failure.message,
      permanent: failure instanceof PermanentJobError,
      ...(failure.stack ? { stack: failure.stack } : {}),
    });
  }
}

port.on('message', (message: ToJobThread) => {
  if (message.type === 'run') {
    const job = run(message).finally(() => running.delete(job));
    running.add(job);
    return;
  }
  // Close: finish what runs, then the connection; the thread ends when nothing is left to do.
  void Promise.allSettled(running).then(async () => {
    await store.close();
    port.close();
  });
});
