/**
 * `npm run bench [-- area ...] [--write]`: runs the benchmark modules under scripts/bench/ (all, or the
 * named areas), prints one table, and with --write records it in docs/benchmarks.md with machine and date.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchRow } from './bench/types.ts';

const AREAS = ['domain', 'salary', 'search', 'workers', 'background', 'import', 'api', 'startup'] as const;
const args = process.argv.slice(2);
const write = args.includes('--write');
const wanted = args.filter((arg) => !arg.startsWith('--'));
const areas = wanted.length > 0 ? AREAS.filter((area) => wanted.includes(area)) : [...AREAS];

const rows: BenchRow[] = [];
for (const area of areas) {
  const file = new URL(`./bench/${area}.ts`, import.meta.url);
  if (!existsSync(file)) {
    console.log(`(no benchmark module for ${area})`);
    continue;
  }
  console.log(`running ${area} …`);
  const module = (await import(file.href)) as { run(): Promise<BenchRow[]> };
  rows.push(...(await module.run()));
}

const format = (value: number) =>
  Math.abs(value) >= 100
    ? Math.round(value).toLocaleString('en-US')
    : Number(value.toPrecision(3)).toString();
const table = [
  '| area | case | metric | value | unit | note |',
  '| --- | --- | --- | ---: | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${row.area} | ${row.case} | ${row.metric} | ${format(row.value)} | ${row.unit} | ${row.note ?? ''} |`,
  ),
].join('\n');
console.log(`\n${table}\n`);

if (write) {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const section = [
    `<!-- bench:${areas.join(',')}:start -->`,
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`npm run bench -- ${areas.join(' ')}\`.`,
    '',
    table,
    `<!-- bench:${areas.join(',')}:end -->`,
  ].join('\n');
  const path = new URL('../docs/benchmarks.md', import.meta.url);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const pattern = new RegExp(
    `<!-- bench:${areas.join(',')}:start -->[\\s\\S]*?<!-- bench:${areas.join(',')}:end -->`,
  );
  writeFileSync(
    path,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  console.log('recorded in docs/benchmarks.md');
}
