import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * JWT_SECRET when set; otherwise one generated on first start and kept in the database, so every
 * API process signs and verifies with the same key without anyone configuring it.
 */
export async function resolveJwtSecret(config: AppConfig, db: DataSource): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  await db.query(`INSERT INTO app_settings (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(48).toString('base64url')]);
  const [row] = await db.query(`SELECT value FROM app_settings WHERE key = 'jwt_secret'`);
  return row.value;
}
