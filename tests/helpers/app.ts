import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createHash } from 'node:crypto';
import { createBackboard, type Backboard, type BackboardOptions } from '../../server/compose.ts';
import { createProcessors } from '../../workers/processors/index.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Store } from '../../server/adapters/store/port.ts';
import { listingData, profileData, uniqueEmail } from './factories.ts';

/**
 * Where CI sets MONGODB_URI, MEILI_HOST or REDIS_URL, the API tests run on those servers too, each
 * test app in its own database, index and queue prefix (named after its data folder, so a restart
 * test finds its data again).
 */
function productionBackends(dir: string): Record<string, string> {
  const name = `t${createHash('sha1').update(dir).digest('hex').slice(0, 12)}`;
  const env: Record<string, string> = {};
  const mongo = process.env.MONGODB_URI;
  if (mongo) {
    const url = new URL(mongo);
    url.pathname = `/${name}`;
    env.MONGODB_URI = url.toString();
  }
  if (process.env.MEILI_HOST) {
    env.MEILI_HOST = process.env.MEILI_HOST;
    if (process.env.MEILI_MASTER_KEY) env.MEILI_MASTER_KEY = process.env.MEILI_MASTER_KEY;
    env.MEILI_INDEX = name;
  }
  if (process.env.REDIS_URL) {
    env.REDIS_URL = process.env.REDIS_URL;
    env.QUEUE_PREFIX = name;
  }
  return env;
}

/**
 * The embedded adapters whatever CI sets (empty means unset), for a test about an embedded adapter's
 * own behaviour: a SQLite fixture, the in-process queue, a closed SQLite file.
 */
export const EMBEDDED_BACKENDS: Readonly<Record<string, string>> = {
  MONGODB_URI: '',
  MEILI_HOST: '',
  REDIS_URL: '',
};

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  adapters: Backboard['adapters'];
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole composed product (API, search, in-process queue and processors) on a fresh SQLite file in
 * a temp folder; without `options.salaryReference`, its salary bands come from its own postings alone.
 * On BullMQ the test plays the workers process too, unless `startWorkers` is false (a test that runs
 * real worker processes).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  dataDir?: string,
  options: Pick<BackboardOptions, 'salaryReference'> & { startWorkers?: boolean } = {},
): Promise<TestApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'backboard-test-'));
  const config = loadConfig({
    DATA_DIR: dir,
    SEED_DEMO: 'false',
    AUTH_RATE_LIMIT: '10000',
    WRITE_RATE_LIMIT: '10000',
    LOG_LEVEL: 'silent',
    ...productionBackends(dir),
    ...env,
  });
  const { startWorkers, ...backboardOptions } = options;
  const backboard = await createBackboard(config, { logger: false, ...backboardOptions });
  // With BullMQ the processors belong to the workers process; the tests play that process too.
  if (backboard.adapters.queue.kind === 'bullmq' && startWorkers !== false) {
    await backboard.adapters.queue.startWorkers(createProcessors(backboard.app.services));
  }
  return {
    app: backboard.app,
    store: backboard.adapters.store,
    adapters: backboard.adapters,
    config,
    dataDir: dir,
    async close() {
      await backboard.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  token: string;
  cookie: string;
  user: { id: string; email: string; role: string; company: { id: string; name: string } | null };
  auth: { authorization: string };
}

export function refreshCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'bb_refresh');
  if (!cookie) throw new Error('no refresh cookie set');
  return `bb_refresh=${cookie.value}`;
}

export async function signUp(
  app: FastifyInstance,
  role: 'candidate' | 'recruiter',
  overrides: Record<string, unknown> = {},
): Promise<Session> {
  const payload = {
    email: uniqueEmail(role),
    password: 'correct horse battery',
    name: role === 'recruiter' ? 'Rita Recruiter' : 'Cara Candidate',
    role,
    ...(role === 'recruiter' ? { company: `Acme Payments ${uniqueEmail('co').split('@')[0]}` } : {}),
    ...overrides,
  };
  const response = await app.inject({ method: 'POST', url: '/api/auth/signup', payload });
  if (response.statusCode !== 202) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  const confirmUrl =
    response.json().confirmUrl ?? (await confirmationLinkInOutbox(app, String(payload.email).toLowerCase()));
  return confirmEmail(app, confirmUrl, String(payload.password));
}

/** The link of the newest confirmation email to an address (where a mail server gets the email). */
async function confirmationLinkInOutbox(app: FastifyInstance, email: string): Promise<string> {
  const { items } = await app.services.outbox.list({ page: 1, limit: 100 });
  const mail = items.find((item) => item.to === email && item.kind === 'email-confirmation');
  const link = /https?:\/\/\S+\/confirm-email\?token=\S+/.exec(mail?.text ?? '');
  if (!link) throw new Error(`no confirmation email to ${email}`);
  return link[0];
}

/** Opens a confirmation link as its page does: the token and the password to `POST /api/auth/confirm-email`. */
export function confirmEmailRequest(app: FastifyInstance, confirmUrl: string, password: string) {
  const token = new URL(confirmUrl).searchParams.get('token');
  return app.inject({ method: 'POST', url: '/api/auth/confirm-email', payload: { token, password } });
}

/** The session confirming an address starts. */
export async function confirmEmail(
  app: FastifyInstance,
  confirmUrl: string,
  password: string,
): Promise<Session> {
  return sessionOf(await confirmEmailRequest(app, confirmUrl, password), 'confirm');
}

/** A session for an account that can log in. */
export async function logIn(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  return sessionOf(response, 'login');
}

function sessionOf(response: Awaited<ReturnType<FastifyInstance['inject']>>, what: string): Session {
  if (response.statusCode !== 200) throw new Error(`${what} failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return {
    token: body.accessToken,
    cookie: refreshCookieOf(response),
    user: body.user,
    auth: { authorization: `Bearer ${body.accessToken}` },
  };
}

/** A listing body as the API takes it: skills by name. */
export function listingBody(overrides: Record<string, unknown> = {}) {
  const data = listingData();
  return {
    ...data,
    requiredSkills: data.requiredSkills.map((r) => ({
      skill: r.skill.name,
      level: r.level,
      weight: r.weight,
    })),
    niceToHaveSkills: data.niceToHaveSkills.map((r) => ({
      skill: r.skill.name,
      level: r.level,
      weight: r.weight,
    })),
    ...overrides,
  };
}

/** A profile body as the API takes it: skills by name. */
export function profileBody(overrides: Record<string, unknown> = {}) {
  const data = profileData();
  return {
    ...data,
    skills: data.skills.map(({ skill, ...rest }) => ({ skill: skill.name, ...rest })),
    ...overrides,
  };
}

export async function postListing(
  app: FastifyInstance,
  session: Session,
  overrides: Record<string, unknown> = {},
) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/listings',
    headers: session.auth,
    payload: listingBody(overrides),
  });
  if (response.statusCode !== 201)
    throw new Error(`create listing failed: ${response.statusCode} ${response.body}`);
  return response.json().listing as { id: string; version: number; status: string; title: string };
}
