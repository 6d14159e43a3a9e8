/**
 * Bulk import: `npm run import -- <postings|profiles> <file.jsonl|file.csv> [options]`.
 * The work is in `server/seed/importer.ts`; this file parses arguments, opens the configured store and
 * shows progress. Re-running a file changes nothing; an interrupted run (Ctrl-C) is finished by running
 * it again.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createAdapters } from '../server/adapters/index.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import {
  defaultSourceFor,
  importFile,
  type ImportFormat,
  type ImportKind,
  type ImportProgress,
  type ImportReport,
} from '../server/seed/importer.ts';
import { parseFieldMap } from '../server/seed/records.ts';

const USAGE = `Usage: npm run import -- <postings|profiles> <file> [options]

  file              JSON Lines (one record a line) or CSV with a header row
  --format F        jsonl or csv (default: from the file extension)
  --map T=S,...     take field T from column or key S; T may be dotted (location.country=Country)
  --owner EMAIL     postings: the recruiter who owns them (default: an import account per company)
  --source NAME     names the origin; with each record's id it keys the record (default: file name)

Records use the API's fields (see /docs): postings as POST /api/listings plus id, company and status;
profiles as PUT /api/me/profile plus id, email and name. In CSV, skills are "Go:4;Kafka" (name:level),
postings may add a weight ("Go:4:2"), profiles may give years ("Go:5y"); remoteRegions are "eu;DE" and
visaSponsorship is true or false. A posting without skills gets those its description names. Records without an id are keyed by a hash of their content.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(64);
}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        map: { type: 'string' },
        owner: { type: 'string' },
        source: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const [kind, file, ...rest] = parsed.positionals;
  if (kind !== 'postings' && kind !== 'profiles') fail('The first argument must be postings or profiles.');
  if (!file) fail('Name the file to import.');
  if (rest.length > 0) fail(`Unexpected arguments: ${rest.join(' ')}`);
  const format = parsed.values.format;
  if (format !== undefined && format !== 'jsonl' && format !== 'csv') fail('--format must be jsonl or csv.');
  if (parsed.values.owner && kind !== 'postings') fail('--owner applies to postings only.');
  let map = {};
  try {
    map = parsed.values.map ? parseFieldMap(parsed.values.map) : {};
  } catch (error) {
    fail((error as Error).message);
  }
  return {
    kind: kind as ImportKind,
    file,
    format: format as ImportFormat | undefined,
    map,
    ownerEmail: parsed.values.owner,
    source: parsed.values.source ?? defaultSourceFor(file),
  };
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0
    ? `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`
    : `${Math.round(seconds)}s`;
}

/** A bar with rate and ETA on a terminal; a plain line every few seconds otherwise (logs, CI). */
function progressReporter(totalBytes: number) {
  const started = Date.now();
  const rateOf = (records: number) => records / Math.max(0.001, (Date.now() - started) / 1000);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: '{bar} {percentage}% | {records} records | {rate}/s | ETA {eta_formatted}',
        stream: process.stderr,
        etaBuffer: 200,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(totalBytes, 0, { records: 0, rate: 0 });
    return {
      update(progress: ImportProgress) {
        bar.update(progress.bytesRead, {
          records: progress.records,
          rate: Math.round(rateOf(progress.records)),
        });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastPrinted = 0;
  return {
    update(progress: ImportProgress) {
      const now = Date.now();
      if (now - lastPrinted < 5_000) return;
      lastPrinted = now;
      const fraction = progress.totalBytes === 0 ? 1 : progress.bytesRead / progress.totalBytes;
      const rate = rateOf(progress.records);
      const eta = fraction > 0 ? ((now - started) / 1000) * ((1 - fraction) / fraction) : Number.NaN;
      console.error(
        `${(fraction * 100).toFixed(1)}% · ${progress.records} records · ${Math.round(rate)}/s · ETA ${formatDuration(eta)}`,
      );
    },
    stop() {},
  };
}

function printReport(report: ImportReport, seconds: number): void {
  for (const problem of report.problems) console.log(`line ${problem.line}: skipped: ${problem.reason}`);
  const read = report.created + report.updated + report.unchanged + report.skipped;
  console.log(
    `\n${report.interrupted ? 'Interrupted' : 'Done'} in ${seconds.toFixed(1)} s: ${read} records — ` +
      `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped.`,
  );
  if (report.interrupted)
    console.log(`Stopped after line ${report.lastLine}; run the same command again to finish.`);
}

async function main(): Promise<void> {
  const args = parseCommandLine();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const totalBytes = await stat(args.file).then(
    (info) => info.size,
    () => fail(`Cannot read ${args.file}`),
  );
  const adapters = await createAdapters(config, {
    info: (message) => console.error(message),
    warn: console.error,
  });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());

  const progress = progressReporter(totalBytes);
  const started = Date.now();
  let report: ImportReport;
  try {
    report = await importFile(adapters.store, {
      ...args,
      signal: controller.signal,
      onProgress: (update) => progress.update(update),
    });
  } catch (error) {
    progress.stop();
    await adapters.close();
    fail((error as Error).message);
  }
  progress.stop();
  // The reconcile sweep indexes and matches what changed; ask for one now rather than at the next tick.
  if (report.created + report.updated > 0 && adapters.queue.kind === 'bullmq') {
    await adapters.queue.enqueue('reconcile', { reason: 'import' }, { jobId: `import-${Date.now()}` });
  }
  await adapters.close();
  printReport(report, (Date.now() - started) / 1000);
  process.exitCode = report.interrupted ? 130 : 0;
}

await main();
