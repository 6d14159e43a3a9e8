import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_STOP_GRACE_MS } from '../../workers/shutdown.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The `command:` of one compose service, as its inline list. */
function composeCommand(compose: string, service: string): string {
  const block = compose.split(/\n {2}(?=\w[\w-]*:\n)/).find((part) => part.startsWith(`${service}:`));
  const command = block?.match(/\n {4}command: (\[.*\])/)?.[1];
  if (!command) throw new Error(`no command for ${service}`);
  return command;
}

describe('the image and compose run the processes so that signals arrive', () => {
  // `npx tsx` behind npm and `sh -c` never passed SIGTERM on; plain `tsx` kills a busy child without
  // its handlers. Node with tsx as a loader is the process that gets the signal.
  it('starts node directly, with tsx as a loader', () => {
    expect(read('Dockerfile')).toMatch(/^CMD \["node", "--import", "tsx", "server\/main\.ts"\]$/m);
    const compose = read('docker-compose.yml');
    expect(composeCommand(compose, 'api')).toBe("['node', '--import', 'tsx', 'server/main.ts']");
    expect(composeCommand(compose, 'workers')).toBe("['node', '--import', 'tsx', 'workers/main.ts']");
  });

  it('gives the workers longer to stop than they give their running jobs', () => {
    const compose = read('docker-compose.yml');
    const block = compose.slice(compose.indexOf('\n  workers:'));
    const grace = Number(block.match(/stop_grace_period: (\d+)s/)?.[1]) * 1000;
    expect(grace).toBeGreaterThan(WORKER_STOP_GRACE_MS);
  });
});
