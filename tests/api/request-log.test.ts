import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackboard, type Backboard } from '../../server/compose.ts';
import { loadConfig } from '../../server/config.ts';

describe('request log', () => {
  const lines: Record<string, unknown>[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'backboard-request-log-'));
  let backboard: Backboard;

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        callback();
      },
    });
    // No request counts as slow here, however busy the machine: slow ones are logged at warn.
    const config = loadConfig({ DATA_DIR: dir, SEED_DEMO: 'false', SLOW_REQUEST_MS: '600000' });
    backboard = await createBackboard(config, { logger: { level: 'debug', stream } });
  });
  afterAll(async () => {
    await backboard.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const linesOf = (reqId: string) => lines.filter((line) => line.reqId === reqId);

  it('writes one line per request, when answered, with method, URL, route, status and time', async () => {
    const answer = await backboard.app.inject({ url: '/api/skills?q=go' });
    expect(answer.statusCode).toBe(200);
    const mine = linesOf(String(answer.headers['x-request-id']));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      url: '/api/skills?q=go',
      route: '/api/skills',
      statusCode: 200,
    });
    expect(typeof mine[0]!.totalMs).toBe('number');
  });

  it('logs the good answers of hot read routes at debug, and their errors at info', async () => {
    const good = await backboard.app.inject({ url: '/api/listings/search?q=go' });
    expect(good.statusCode).toBe(200);
    expect(linesOf(String(good.headers['x-request-id']))).toMatchObject([{ level: 20, statusCode: 200 }]);

    const bad = await backboard.app.inject({ url: '/api/listings/search?sort=bogus' });
    expect(bad.statusCode).toBe(400);
    expect(linesOf(String(bad.headers['x-request-id']))).toMatchObject([{ level: 30, statusCode: 400 }]);
  });

  it('gives an unknown route one line too', async () => {
    const answer = await backboard.app.inject({ url: '/api/nothing-here' });
    expect(answer.statusCode).toBe(404);
    expect(linesOf(String(answer.headers['x-request-id']))).toMatchObject([
      { msg: 'request', route: 'unmatched', statusCode: 404 },
    ]);
  });
});
