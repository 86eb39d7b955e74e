import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

/** DATABASE_URL when given; otherwise the embedded server in DATA_DIR, started now and stopped by `stop()`. */
export async function openDatabase(config: AppConfig): Promise<{ url: string; stop: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const server = new EmbeddedPostgres(config.dataDir, config.embeddedPgPort);
  const url = await server.start();
  return { url, stop: () => server.stop() };
}
