import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  url: string;
  /** Stops the embedded server (nothing for DATABASE_URL). */
  stop(): Promise<void>;
  /** At once, without waiting: the process is exiting. */
  abandon(): void;
}

/** DATABASE_URL when given; otherwise the embedded server in DATA_DIR, started now and stopped by `stop()`. */
export async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, abandon: () => undefined };
  const server = new EmbeddedPostgres(config.dataDir, config.embeddedPgPort);
  const url = await server.start();
  return { url, stop: () => server.stop(), abandon: () => server.abandon() };
}
