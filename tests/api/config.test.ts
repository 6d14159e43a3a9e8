import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { serverLogger } from '../../server/logger.ts';

describe('configuration', () => {
  it('refuses bad values, naming every bad variable', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        MEILI_HOST: 'meili:7700',
        REDIS_URL: 'localhost:6379',
        JWT_SECRET: 'short',
      });
      expect.unreachable('bad config was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const key of ['PORT', 'LOG_LEVEL', 'MEILI_HOST', 'REDIS_URL', 'JWT_SECRET'])
        expect(message).toContain(key);
      expect(message).toContain('must be one of fatal, error, warn, info, debug, trace, silent');
    }
  });

  it('never prints a secret or a credential in a configuration error', () => {
    const secrets = ['s3cr3t-jwt', 'hunter2', 'meili-key-9', 'metrics-7', 'mongopass', 'redispw', 'smtppw'];
    let message = '';
    try {
      loadConfig({
        JWT_SECRET: secrets[0],
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_PASSWORD: secrets[1],
        MONGODB_URI: `mongo://root:${secrets[2]}@db:27017/backboard`,
        REDIS_URL: `redis//:${secrets[3]}@cache:6379`,
        SMTP_URL: `smpt://mailer:${secrets[4]}@smtp.example.com:587`,
      });
    } catch (error) {
      message = (error as ConfigError).message;
    }
    for (const key of ['JWT_SECRET', 'ADMIN_PASSWORD', 'MONGODB_URI', 'REDIS_URL', 'SMTP_URL'])
      expect(message).toContain(key);
    for (const secret of secrets) expect(message).not.toContain(secret);
    // It still says enough to fix the value: the length of a secret, the rest of a URL.
    expect(message).toContain('a secret of 10 characters');
    expect(message).toContain('"mongo://***@db:27017/backboard"');
  });

  it('requires JWT_SECRET in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATA_DIR: mkdtempSync(join(tmpdir(), 'bb-')) }),
    ).toThrow(/JWT_SECRET: required/);
  });

  it('generates one secret under DATA_DIR for the embedded default and keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-'));
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
  });

  it('reads numbers and booleans from strings, and is frozen', () => {
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'bb-')),
      PORT: '8080',
      SEED_DEMO: 'false',
    });
    expect(config.port).toBe(8080);
    expect(config.seedDemo).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the observability settings and refuses bad ones', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bb-'));
    const defaults = loadConfig({ DATA_DIR: dataDir });
    expect(defaults.slowRequestMs).toBe(500);
    expect(defaults.metricsToken).toBeUndefined();
    expect(defaults.workersMetricsPort).toBeUndefined();
    const set = loadConfig({ DATA_DIR: dataDir, SLOW_REQUEST_MS: '250', WORKERS_METRICS_PORT: '9464' });
    expect(set.slowRequestMs).toBe(250);
    expect(set.workersMetricsPort).toBe(9464);
    let message = '';
    try {
      loadConfig({
        DATA_DIR: dataDir,
        SLOW_REQUEST_MS: '-1',
        METRICS_TOKEN: 'short',
        WORKERS_METRICS_PORT: 'x',
      });
    } catch (error) {
      message = (error as ConfigError).message;
    }
    for (const key of ['SLOW_REQUEST_MS', 'METRICS_TOKEN', 'WORKERS_METRICS_PORT'])
      expect(message).toContain(key);
  });

  it('needs both admin variables or neither', () => {
    expect(() => loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bb-')), ADMIN_EMAIL: 'a@b.co' })).toThrow(
      /ADMIN_EMAIL and ADMIN_PASSWORD/,
    );
  });
});

describe('log format', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'bb-'));

  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT says which', () => {
    const auto = loadConfig({ DATA_DIR: dir() });
    expect(auto.logFormat).toBe('auto');
    const prettyTarget = (logger: ReturnType<typeof serverLogger>) =>
      typeof logger === 'object' && 'transport' in logger
        ? (logger.transport as { target?: string }).target
        : undefined;
    expect(prettyTarget(serverLogger(auto, true))).toBe('pino-pretty');
    expect(serverLogger(auto, false)).toEqual({ level: 'info' });

    const json = loadConfig({ DATA_DIR: dir(), LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
    expect(serverLogger(json, true)).toEqual({ level: 'debug' });
    const pretty = loadConfig({ DATA_DIR: dir(), LOG_FORMAT: 'pretty' });
    expect(prettyTarget(serverLogger(pretty, false))).toBe('pino-pretty');
  });

  it('refuses an unknown LOG_FORMAT', () => {
    expect(() => loadConfig({ DATA_DIR: dir(), LOG_FORMAT: 'xml' })).toThrow(
      /LOG_FORMAT: must be one of auto, pretty, json/,
    );
  });
});
