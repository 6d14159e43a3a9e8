import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';

/** Every setting Backboard reads from the environment. `.env.example` lists the same keys. */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  MONGODB_URI: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://' })),
  MEILI_HOST: Type.Optional(Type.String({ pattern: '^https?://' })),
  MEILI_MASTER_KEY: Type.Optional(Type.String({ minLength: 1 })),
  MEILI_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  MEILI_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
  MEILI_INDEX: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$', default: 'listings' }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  CORS_ORIGIN: Type.Optional(Type.String({ minLength: 1 })),
  TRUST_PROXY: Type.Integer({ minimum: 0, maximum: 10, default: 0 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  LOG_FORMAT: Type.Union(
    ['auto', 'pretty', 'json'].map((format) => Type.Literal(format)),
    { default: 'auto' },
  ),
  SEED_DEMO: Type.Boolean({ default: true }),
  WORKER_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 64, default: 2 }),
  JOB_THREAD: Type.Boolean({ default: true }),
  QUEUE_PREFIX: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', default: 'backboard' }),
  JOB_LOCK_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
  RECONCILE_INTERVAL_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 60_000 }),
  ACCESS_TOKEN_TTL: Type.Integer({ minimum: 30, maximum: 86_400, default: 900 }),
  REFRESH_TOKEN_TTL: Type.Integer({ minimum: 300, maximum: 31_536_000, default: 2_592_000 }),
  REFRESH_REUSE_GRACE: Type.Integer({ minimum: 0, maximum: 60, default: 10 }),
  AUTH_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 100_000, default: 20 }),
  WRITE_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 100_000, default: 60 }),
  ADMIN_EMAIL: Type.Optional(Type.String({ minLength: 3 })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  SLOW_REQUEST_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 500 }),
  WORKERS_METRICS_PORT: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, maxLength: 200, default: 'Backboard <no-reply@backboard.invalid>' }),
  OUTBOX_CLAIM_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 120_000 }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly mongodbUri: string | undefined;
  readonly meiliHost: string | undefined;
  /** Only to look up the default admin key when MEILI_API_KEY is unset; never sent with requests. */
  readonly meiliMasterKey: string | undefined;
  /** The key sent with every Meilisearch request (scoped, or the default admin key). */
  readonly meiliApiKey: string | undefined;
  readonly meiliTimeoutMs: number;
  readonly meiliIndex: string;
  readonly redisUrl: string | undefined;
  readonly jwtSecret: string;
  readonly corsOrigin: string | undefined;
  /** How many reverse proxies in front of the API to trust for X-Forwarded-For (0: none, the client is the peer). */
  readonly trustProxyHops: number;
  readonly logLevel: string;
  /** `pretty`: human lines for a terminal; `json`: one JSON object a line; `auto`: pretty on a TTY. */
  readonly logFormat: 'auto' | 'pretty' | 'json';
  readonly seedDemo: boolean;
  readonly workerConcurrency: number;
  /**
   * Embedded default: run the CPU-bound jobs (matching, salary bands) in a worker thread, off the
   * API's event loop (false: on it, as one thread).
   */
  readonly jobThread: boolean;
  /** How long a worker holds a job before another may take it over as stalled (a crashed worker). */
  readonly jobLockMs: number;
  /** How often the reconcile sweep runs (and the API re-asserts its schedule in Redis). */
  readonly reconcileEveryMs: number;
  /** Redis key prefix of the BullMQ queues (one Redis can host several deployments). */
  readonly queuePrefix: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /** A token rotated this recently may be presented again (two tabs refreshing at once); 0: never. */
  readonly refreshReuseGraceSeconds: number;
  readonly authRateLimitPerMinute: number;
  /** Writes (POST, PUT, PATCH, DELETE outside /api/auth) per minute per account, or per client when anonymous. */
  readonly writeRateLimitPerMinute: number;
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  /** Bearer token for `/metrics`; without it production refuses to serve metrics. */
  readonly metricsToken: string | undefined;
  /** Requests slower than this are logged with their timing breakdown. */
  readonly slowRequestMs: number;
  /** The workers process serves its own `/metrics` on this port (on HOST) when set. */
  readonly workersMetricsPort: number | undefined;
  /** Where email goes (smtp:// or smtps://, credentials in the URL); without it the outbox keeps it. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** A send attempt older than this is taken for dead (its worker crashed) and may be made again. */
  readonly outboxClaimTimeoutMs: number;
  /** The address people reach the web UI at, for links in email; defaults to http://HOST:PORT. */
  readonly publicUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};

/** Environment values are strings; turn the numeric and boolean ones into what the schema expects. */
function coerce(raw: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(EnvSchema.properties)) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    const type = (schema as { type?: string }).type;
    if (type === 'integer') out[key] = /^-?\d+$/.test(value) ? Number(value) : value;
    else if (type === 'boolean') out[key] = BOOLEAN_WORDS[value.toLowerCase()] ?? value;
    else out[key] = value;
  }
  return out;
}

/** The embedded default keeps one generated secret under DATA_DIR so tokens survive restarts. */
function embeddedJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Variables whose values are secrets: an error about one says its length, never the value. */
const SECRET_VARIABLES = new Set(['JWT_SECRET', 'ADMIN_PASSWORD', 'MEILI_MASTER_KEY', 'METRICS_TOKEN']);

/** A value as a configuration error may print it: secrets by length, URLs without their credentials. */
export function printableValue(key: string, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (SECRET_VARIABLES.has(key)) return `a secret of ${value.length} characters`;
  // Whatever comes before the last @ may hold credentials (user:password@host), well formed or not.
  return JSON.stringify(value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1***@'));
}

/** Parses the environment once; every bad variable is named in one error. */
export function loadConfig(raw: NodeJS.ProcessEnv = process.env): Config {
  const candidate = Value.Default(EnvSchema, coerce(raw)) as Record<string, unknown>;
  const problems = new Map<string, string>();
  for (const error of Value.Errors(EnvSchema, candidate)) {
    const key = error.instancePath.replace(/^\//, '');
    if (problems.has(key)) continue;
    const options = (EnvSchema.properties as Record<string, { anyOf?: { const: unknown }[] }>)[key]?.anyOf;
    const message = options
      ? `must be one of ${options.map((option) => option.const).join(', ')}`
      : error.message;
    problems.set(key, `${key}: ${message} (got ${printableValue(key, candidate[key])})`);
  }
  if (problems.size > 0) throw new ConfigError([...problems.values()]);
  const env = candidate as Env;
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required when NODE_ENV=production (at least 32 characters)']);
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither']);
  }
  const dataDir = resolve(env.DATA_DIR);
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    mongodbUri: env.MONGODB_URI,
    meiliHost: env.MEILI_HOST,
    meiliMasterKey: env.MEILI_MASTER_KEY,
    meiliApiKey: env.MEILI_API_KEY,
    meiliTimeoutMs: env.MEILI_TIMEOUT_MS,
    meiliIndex: env.MEILI_INDEX,
    redisUrl: env.REDIS_URL,
    jwtSecret: env.JWT_SECRET ?? embeddedJwtSecret(dataDir),
    corsOrigin: env.CORS_ORIGIN,
    trustProxyHops: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT as Config['logFormat'],
    seedDemo: env.SEED_DEMO,
    workerConcurrency: env.WORKER_CONCURRENCY,
    jobThread: env.JOB_THREAD,
    jobLockMs: env.JOB_LOCK_MS,
    reconcileEveryMs: env.RECONCILE_INTERVAL_MS,
    queuePrefix: env.QUEUE_PREFIX,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL,
    refreshReuseGraceSeconds: env.REFRESH_REUSE_GRACE,
    authRateLimitPerMinute: env.AUTH_RATE_LIMIT,
    writeRateLimitPerMinute: env.WRITE_RATE_LIMIT,
    admin: env.ADMIN_EMAIL ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD as string } : undefined,
    metricsToken: env.METRICS_TOKEN,
    slowRequestMs: env.SLOW_REQUEST_MS,
    workersMetricsPort: env.WORKERS_METRICS_PORT,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    outboxClaimTimeoutMs: env.OUTBOX_CLAIM_TIMEOUT_MS,
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
  });
}

/** For process entries: the config, or the problems printed and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(raw: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(raw);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}
