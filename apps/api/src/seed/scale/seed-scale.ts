import type { Client } from 'pg';
import { loadScaleOrganisation, type LoadCounts, type Progress } from './scale-loader';
import { ScaleOrganisation, type ScaleSize } from './scale-organisation';
import { dayNumber } from './scale-random';

export interface SeedScaleOptions {
  size: ScaleSize;
  seed: number;
  /** The seed's "today" (YYYY-MM-DD): expiries and hire days are spread around it. */
  today: string;
}

/**
 * Loads a generated organisation of the given size into an empty, migrated database (one transaction, COPY per
 * table), then analyses the tables. Used by `npm run seed:scale` and by the compliance benchmark.
 */
export async function seedScaleData(
  client: Client,
  options: SeedScaleOptions,
  progress: Progress,
): Promise<{ counts: LoadCounts; seconds: number; organisation: ScaleOrganisation }> {
  const started = Date.now();
  const organisation = new ScaleOrganisation(options.size, options.seed, dayNumber(options.today));
  progress(
    `${organisation.spec.staff.toLocaleString('en')} staff, ${organisation.branches.length} branches, ` +
      `${organisation.definitions.length} credentials, ${organisation.rules.length} rules (seed ${options.seed}, today ${options.today})`,
  );
  await client.query('BEGIN');
  let counts: LoadCounts;
  try {
    await client.query('SET LOCAL jit = off');
    counts = await loadScaleOrganisation(client, organisation, progress);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  progress('analysing');
  await client.query('ANALYZE');
  const seconds = (Date.now() - started) / 1000;
  progress(`loaded in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
  return { counts, seconds, organisation };
}
