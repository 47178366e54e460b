import { AppConfig, ConfigError } from '../config/app-config';
import { EmbeddedPostgres } from '../database/embedded-postgres';

export interface Runtime {
  config: AppConfig;
  /** Stops what the runtime started (the embedded database); call after the Nest app has closed. */
  stop(): Promise<void>;
}

/**
 * Loads the configuration and, in embedded mode, starts PGlite. Exits the process with a clear message
 * on a configuration error instead of a stack trace.
 */
export async function startRuntime(
  source: Record<string, string | undefined> = process.env,
): Promise<Runtime> {
  let config: AppConfig;
  try {
    config = AppConfig.load(source);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  if (config.database.mode === 'postgres') return { config, stop: async () => undefined };
  const embedded = await EmbeddedPostgres.start(config.dataDir);
  return { config: config.withDatabaseUrl(embedded.url), stop: () => embedded.stop() };
}
