/**
 * `npm run reindex`: rebuilds the search index from the store, with a progress bar on a terminal and
 * plain progress lines otherwise. Safe while the server runs: writes are version-aware and confirmed.
 */
import cliProgress from 'cli-progress';
import { createAdapters } from '../server/adapters/index.ts';
import { loadConfigOrExit } from '../server/config.ts';
import { writeConfirmed } from '../server/services/index-writes.ts';

const BATCH = 500;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const adapters = await createAdapters(config, {
    info: (m) => console.log(m),
    warn: (m) => console.warn(m),
  });
  const { store, search } = adapters;
  try {
    const total = await store.listings.count();
    const tty = process.stdout.isTTY;
    const bar = new cliProgress.SingleBar(
      {
        format: 'reindex [{bar}] {percentage}% | {value}/{total} listings | {rate}/s | ETA {eta_formatted}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    if (tty) bar.start(total, 0, { rate: 0 });
    const started = Date.now();
    let done = 0;
    const seen = new Set<string>();
    for await (const batch of store.listings.scan(BATCH)) {
      // Confirmed against the store after writing, as index jobs are: a job running meanwhile with a
      // newer version cannot be overwritten by this older read.
      const confirmed = await writeConfirmed(
        store,
        search,
        batch.map((listing) => ({ id: listing.id, listing, seen: listing.version })),
      );
      for (const [id, { version }] of confirmed) {
        seen.add(id);
        await store.listings.markProcessed('indexed', id, version);
      }
      done += batch.length;
      const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      if (tty) bar.update(done, { rate });
      else console.log(`reindex: ${done}/${total} listings (${rate}/s)`);
    }
    if (tty) bar.stop();
    // Deleted listings still in the index: the tombstones say which.
    const lagging = await store.listings.findLagging('indexed', 100_000);
    const removed = lagging.filter((listing) => !seen.has(listing.id) && listing.deletedAt !== null);
    const removals = await writeConfirmed(
      store,
      search,
      removed.map((listing) => ({ id: listing.id, listing: null, seen: listing.version })),
    );
    for (const [id, { version }] of removals) await store.listings.markProcessed('indexed', id, version);
    console.log(
      `reindex: ${done} listings indexed, ${removed.length} removed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await adapters.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
