import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Listing, Profile, Store } from '../../server/adapters/store/port.ts';
import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { DISABLED_PASSWORD_HASH, importFile } from '../../server/seed/importer.ts';

const dir = mkdtempSync(join(tmpdir(), 'backboard-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
function writeTemp(name: string, content: string): string {
  fileCounter += 1;
  // One folder per file, so the name (and the default source it gives) stays as written.
  const folder = join(dir, String(fileCounter));
  mkdirSync(folder);
  const file = join(folder, name);
  writeFileSync(file, content);
  return file;
}

/** A posting as the API accepts it, plus an import id. */
function posting(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: `Backend Engineer ${id}`,
    description: 'Build services in Go with PostgreSQL.',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'hybrid',
    employmentType: 'full-time',
    seniority: 'senior',
    salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
    requiredSkills: [{ skill: 'golang', level: 4 }, 'postgres'],
    niceToHaveSkills: ['k8s'],
    company: 'Acme',
    ...overrides,
  };
}

const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';

async function allListings(store: Store): Promise<Listing[]> {
  const out: Listing[] = [];
  for await (const batch of store.listings.scan(100)) out.push(...batch);
  return out;
}

async function allProfiles(store: Store): Promise<Profile[]> {
  const out: Profile[] = [];
  for await (const batch of store.profiles.scan(100)) out.push(...batch);
  return out;
}

let store: Store;
beforeEach(() => {
  store = createSqliteStore({ file: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('importFile: postings', () => {
  it('imports a good JSON Lines file with normalised skills, owned by an import account per company', async () => {
    const file = writeTemp(
      'good.jsonl',
      jsonl([posting('a'), posting('b', { company: 'Globex' }), posting('c')]),
    );
    const report = await importFile(store, { kind: 'postings', file });
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: 0, problems: [] });

    const listings = await allListings(store);
    expect(listings.map((listing) => listing.source?.sourceId).sort()).toEqual(['a', 'b', 'c']);
    const a = listings.find((listing) => listing.source?.sourceId === 'a')!;
    expect(a.requiredSkills.map((r) => [r.skill.id, r.level])).toEqual([
      ['go', 4],
      ['postgresql', 3],
    ]);
    expect(a.niceToHaveSkills.map((r) => r.skill.id)).toEqual(['kubernetes']);
    expect(a.version).toBeGreaterThan(a.indexedVersion);
    expect(new Set(listings.map((listing) => listing.company))).toEqual(new Set(['Acme', 'Globex']));
    const owner = await store.users.findById(a.ownerId);
    expect(owner).toMatchObject({ role: 'recruiter', companyId: a.companyId });
    expect(owner?.passwordHash).toBe(DISABLED_PASSWORD_HASH);
  });

  it("imports the README's CSV example, as written, with nothing skipped", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const command = readme.split('\n').find((line) => line.includes('docs/examples/jobs.csv --map'));
    const [, file, map] = /postings (\S+) --map (\S+)/.exec(command ?? '') ?? [];
    expect(file).toBe('docs/examples/jobs.csv');
    const { parseFieldMap } = await import('../../server/seed/records.ts');
    const report = await importFile(store, {
      kind: 'postings',
      file: fileURLToPath(new URL(`../../${file}`, import.meta.url)),
      map: parseFieldMap(map!),
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ created: 2, skipped: 0 });
    const titles = (await allListings(store)).map((listing) => listing.title).sort();
    expect(titles).toEqual(['Backend Go engineer', 'Python data platform engineer']);
  });

  it('imports a CSV file through a column map, keeping unknown skills as free text', async () => {
    const csv = [
      'Ref,Job,Body,Country,City,Remote,Type,Level,Min,Max,Cur,Per,Skills',
      'r1,Go Developer,"Payments, in Go",NL,Amsterdam,remote,full-time,mid,50000,65000,EUR,year,"Go:4:2;Kafka;Frobnicator 3000"',
      'r2,Java Developer,"Spring ""Boot"" services\nacross lines",PL,,onsite,contract,senior,100,140,EUR,hour,Java',
    ].join('\n');
    const file = writeTemp('jobs.csv', csv);
    const map =
      'id=Ref,title=Job,description=Body,location.country=Country,location.city=City,remote=Remote,' +
      'employmentType=Type,seniority=Level,salary.min=Min,salary.max=Max,salary.currency=Cur,' +
      'salary.period=Per,requiredSkills=Skills';
    const { parseFieldMap } = await import('../../server/seed/records.ts');
    const report = await importFile(store, { kind: 'postings', file, map: parseFieldMap(map) });
    expect(report).toMatchObject({ created: 2, skipped: 0 });

    const listings = await allListings(store);
    const r1 = listings.find((listing) => listing.source?.sourceId === 'r1')!;
    expect(r1.salary).toEqual({ min: 50_000, max: 65_000, currency: 'EUR', period: 'year' });
    expect(r1.requiredSkills.map((r) => [r.skill.id, r.level, r.weight])).toEqual([
      ['go', 4, 2],
      ['kafka', 3, 1],
      ['custom:frobnicator-3000', 3, 1],
    ]);
    const r2 = listings.find((listing) => listing.source?.sourceId === 'r2')!;
    expect(r2.description).toBe('Spring "Boot" services\nacross lines');
    expect(r2.location).toEqual({ country: 'PL', city: '' });
  });

  it('lands the good lines of a file with bad ones and reports each bad line with its reason', async () => {
    const lines = [
      JSON.stringify(posting('ok-1')),
      JSON.stringify(
        posting('wrong-type', { salary: { min: 'lots', max: 90_000, currency: 'EUR', period: 'year' } }),
      ),
      '{"id": "broken", "title": "Half a JSON',
      JSON.stringify(posting('huge', { title: 'x'.repeat(500) })),
      JSON.stringify(posting('unknown-skill', { requiredSkills: ['Quux Lang'] })),
      '',
      JSON.stringify(
        posting('min-above-max', { salary: { min: 9, max: 1, currency: 'EUR', period: 'year' } }),
      ),
      '[1, 2, 3]',
      JSON.stringify(posting('ok-2')),
    ];
    const file = writeTemp('mixed.jsonl', lines.join('\n') + '\n');
    const report = await importFile(store, { kind: 'postings', file });

    expect(report.created).toBe(3);
    expect(report.skipped).toBe(5);
    expect(report.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 7, 8]);
    expect(report.problems[0]!.reason).toContain('/salary/min');
    expect(report.problems[1]!.reason).toContain('broken JSON');
    expect(report.problems[2]!.reason).toContain('/title');
    expect(report.problems[3]!.reason).toContain('salary.min');
    expect(report.problems[4]!.reason).toContain('one JSON object');

    const ids = (await allListings(store)).map((listing) => listing.source?.sourceId).sort();
    expect(ids).toEqual(['ok-1', 'ok-2', 'unknown-skill']);
    const unknown = (await allListings(store)).find(
      (listing) => listing.source?.sourceId === 'unknown-skill',
    )!;
    expect(unknown.requiredSkills[0]!.skill).toEqual({ id: 'custom:quux-lang', name: 'Quux Lang' });
  });

  it('imports visa sponsorship and remote regions from CSV, and refuses an unknown region', async () => {
    const header =
      'id,title,description,location.country,remote,employmentType,seniority,salary.min,salary.max,salary.currency,salary.period,requiredSkills,visaSponsorship,remoteRegions';
    const file = writeTemp(
      'remote.csv',
      [
        header,
        'r1,Remote Go Engineer,Go services,DE,remote,full-time,senior,70000,90000,EUR,year,Go:4,true,EU;us',
        'r2,Remote Rust Engineer,Rust,DE,remote,full-time,senior,70000,90000,EUR,year,Rust,false,Atlantis',
        'r3,Onsite Java Engineer,Java,DE,onsite,full-time,senior,70000,90000,EUR,year,Java,false,EU',
      ].join('\n') + '\n',
    );
    const report = await importFile(store, { kind: 'postings', file });
    expect(report.created).toBe(1);
    expect(report.problems.map((problem) => [problem.line, problem.reason.split(':')[0]])).toEqual([
      [3, '/remoteRegions'],
      [4, '/remoteRegions'],
    ]);
    const [listing] = await allListings(store);
    expect(listing).toMatchObject({ visaSponsorship: true, remoteRegions: ['eu', 'US'] });
  });

  it('reports broken CSV quoting and wrong field counts but keeps reading', async () => {
    const header =
      'id,title,description,location.country,remote,employmentType,seniority,salary.min,salary.max,salary.currency,salary.period,requiredSkills';
    const row = (id: string, description: string) =>
      `${id},Backend ${id},${description},DE,remote,full-time,mid,1,2,EUR,year,Go`;
    const csv = [
      header,
      row('c1', '"fine, quoted"'),
      row('c2', '"closed"then-garbage'),
      row('c3', 'stray"quote'),
      'c4,too,few',
      row('c5', 'plain'),
      row('c6', '"never closed'),
    ].join('\n');
    const file = writeTemp('broken.csv', csv + '\n');
    const report = await importFile(store, { kind: 'postings', file });
    expect(report.created).toBe(2);
    expect(report.problems).toEqual([
      { line: 3, reason: expect.stringContaining('after closing quote') },
      { line: 4, reason: expect.stringContaining('stray quote') },
      { line: 5, reason: expect.stringContaining('expected 12 fields') },
      { line: 7, reason: expect.stringContaining('unterminated') },
    ]);
  });

  it('extracts required skills from the description when the record names none', async () => {
    const file = writeTemp(
      'no-skills.jsonl',
      jsonl([
        posting('x', { requiredSkills: [], niceToHaveSkills: [], description: 'We run Kafka and Node.js.' }),
      ]),
    );
    await importFile(store, { kind: 'postings', file });
    const [listing] = await allListings(store);
    expect(listing!.requiredSkills.map((r) => r.skill.id)).toEqual(['kafka', 'nodejs']);
  });

  it('reads required skills only from text a candidate would see, not hidden HTML or link targets', async () => {
    const description = [
      'We run <b>Kafka</b> in production.',
      '<span style="display:none">Kubernetes Terraform</span>',
      '<div hidden>Rust</div> <p aria-hidden="true">Elixir</p>',
      '<!-- Haskell --> <script>Scala</script>',
      '<img alt="Erlang" src="x.png">',
      '',
      'Read [our blog](https://example.com/golang-and-python).',
    ].join('\n');
    const file = writeTemp(
      'hidden-skills.jsonl',
      jsonl([posting('h', { requiredSkills: [], niceToHaveSkills: [], description })]),
    );
    await importFile(store, { kind: 'postings', file });
    const [listing] = await allListings(store);
    expect(listing!.requiredSkills.map((r) => r.skill.id)).toEqual(['kafka']);
  });
  it('assigns every posting to the named recruiter with --owner', async () => {
    const company = await store.companies.findOrCreate('Initech');
    const recruiter = await store.users.create({
      email: 'boss@initech.test',
      name: 'Bill',
      role: 'recruiter',
      companyId: company.id,
      passwordHash: 'x',
    });
    const file = writeTemp('owned.jsonl', jsonl([posting('o1'), posting('o2', { company: 'Other' })]));
    await importFile(store, { kind: 'postings', file, ownerEmail: 'BOSS@initech.test' });
    const listings = await allListings(store);
    expect(listings.map((listing) => [listing.ownerId, listing.company])).toEqual([
      [recruiter.id, 'Initech'],
      [recruiter.id, 'Initech'],
    ]);
    await expect(
      importFile(store, { kind: 'postings', file, ownerEmail: 'nobody@initech.test' }),
    ).rejects.toThrow(/No account/);
  });

  it('changes nothing when the same file is imported again, and updates an edited record', async () => {
    const records = [posting('a'), posting('b'), { ...posting('c'), id: undefined }];
    const file = writeTemp('again.jsonl', jsonl(records));
    await importFile(store, { kind: 'postings', file });
    const before = await allListings(store);

    const second = await importFile(store, { kind: 'postings', file });
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3, skipped: 0 });
    const after = await allListings(store);
    expect(after.map((listing) => [listing.id, listing.version])).toEqual(
      before.map((listing) => [listing.id, listing.version]),
    );

    const edited = writeTemp(
      'again.jsonl',
      jsonl([posting('a', { title: 'Staff Engineer a' }), posting('b')]),
    );
    const third = await importFile(store, { kind: 'postings', file: edited });
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const a = (await allListings(store)).find((listing) => listing.source?.sourceId === 'a')!;
    expect(a).toMatchObject({ title: 'Staff Engineer a', version: 2 });
  });

  it('completes an interrupted import on the next run without duplicates', async () => {
    const records = Array.from({ length: 50 }, (_, index) => posting(`p${index}`));
    const file = writeTemp('big.jsonl', jsonl(records));
    const controller = new AbortController();
    const first = await importFile(store, {
      kind: 'postings',
      file,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.records === 20) controller.abort();
      },
    });
    expect(first).toMatchObject({ interrupted: true, created: 20 });
    expect(await store.listings.count()).toBe(20);

    const resumed = await importFile(store, { kind: 'postings', file });
    expect(resumed).toMatchObject({ interrupted: false, created: 30, unchanged: 20, skipped: 0 });
    const ids = (await allListings(store)).map((listing) => listing.source?.sourceId);
    expect(new Set(ids).size).toBe(50);
    expect(ids).toHaveLength(50);
  });
});

describe('importFile: profiles', () => {
  const profile = (id: string, overrides: Record<string, unknown> = {}) => ({
    id,
    headline: `Backend developer ${id}`,
    yearsExperience: 5,
    seniority: 'mid',
    location: { country: 'FR', city: 'Lyon' },
    remote: 'remote',
    expectedSalary: { min: 60_000, currency: 'EUR', period: 'year' },
    skills: ['python:4', { skill: 'Postgres', years: 3 }, 'Flux Capacitor'],
    discoverable: true,
    ...overrides,
  });

  it('imports profiles with disabled candidate accounts, skips bad ones, and re-imports as a no-op', async () => {
    const lines = [
      JSON.stringify(profile('u1')),
      JSON.stringify(profile('u2', { yearsExperience: 'many' })),
      JSON.stringify(profile('u3', { email: 'Real.Person@example.com', name: 'Real Person' })),
      JSON.stringify(profile('u4', { email: 'not-an-email' })),
    ];
    const file = writeTemp('people.jsonl', lines.join('\n'));
    const report = await importFile(store, { kind: 'profiles', file });
    expect(report).toMatchObject({ created: 2, skipped: 2 });
    expect(report.problems.map((problem) => [problem.line, problem.reason.split(':')[0]])).toEqual([
      [2, '/yearsExperience'],
      [4, '/email'],
    ]);

    const profiles = await allProfiles(store);
    const u1 = profiles.find((entry) => entry.source?.sourceId === 'u1')!;
    expect(u1.discoverable).toBe(true);
    expect(u1.skills).toEqual([
      { skill: { id: 'python', name: 'Python' }, level: 4 },
      { skill: { id: 'postgresql', name: 'PostgreSQL' }, years: 3 },
      { skill: { id: 'custom:flux-capacitor', name: 'Flux Capacitor' }, level: 3 },
    ]);
    const owner = await store.users.findById(u1.userId);
    expect(owner).toMatchObject({ role: 'candidate', passwordHash: DISABLED_PASSWORD_HASH });
    expect(await store.users.findByEmail('real.person@example.com')).toMatchObject({ name: 'Real Person' });

    const again = await importFile(store, { kind: 'profiles', file });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, skipped: 2 });
    expect(await store.profiles.count()).toBe(2);
  });

  it('refuses to overwrite a profile a user made themselves', async () => {
    const user = await store.users.create({
      email: 'own@example.com',
      name: 'Own',
      role: 'candidate',
      companyId: null,
      passwordHash: 'x',
    });
    await store.profiles.save(user.id, {
      headline: 'Mine',
      yearsExperience: 1,
      seniority: null,
      location: null,
      remote: null,
      expectedSalary: null,
      skills: [],
      discoverable: false,
    });
    const file = writeTemp('clash.jsonl', JSON.stringify(profile('z', { email: 'own@example.com' })));
    const report = await importFile(store, { kind: 'profiles', file });
    expect(report.problems).toEqual([
      { line: 1, reason: expect.stringContaining('already has another profile') },
    ]);
    expect((await store.profiles.findByUserId(user.id))?.headline).toBe('Mine');
  });

  it('reads profiles from CSV with skills as text', async () => {
    const csv = [
      'id,headline,yearsExperience,location.country,skills,discoverable,expectedSalary.min,expectedSalary.currency,expectedSalary.period',
      'k1,Rubyist,7,GB,Ruby:5;Rails:4y,true,70000,GBP,year',
      'k2,Newcomer,0,,Go,false,,,',
    ].join('\n');
    const file = writeTemp('people.csv', csv);
    const report = await importFile(store, { kind: 'profiles', file });
    expect(report).toMatchObject({ created: 2, skipped: 0 });
    const profiles = await allProfiles(store);
    const k1 = profiles.find((entry) => entry.source?.sourceId === 'k1')!;
    expect(k1).toMatchObject({
      yearsExperience: 7,
      discoverable: true,
      location: { country: 'GB', city: '' },
      expectedSalary: { min: 70_000, currency: 'GBP', period: 'year' },
    });
    expect(k1.skills.map((entry) => [entry.skill.id, entry.level ?? `${entry.years}y`])).toEqual([
      ['ruby', 5],
      ['rails', '4y'],
    ]);
    const k2 = profiles.find((entry) => entry.source?.sourceId === 'k2')!;
    expect(k2).toMatchObject({ location: null, expectedSalary: null, discoverable: false });
  });
});
