import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { createOpenApiDocument, OPENAPI_FILE, openApiText } from './common/http/openapi-document';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { loadEnvFile } from './config/load-env-file';
import { openDatabase } from './database/open-database';
import { DemoSeeder } from './demo/demo-seeder';
import { UsersService } from './users/users.service';
import { ROLES, Role } from './common/auth/actor';

const USAGE = `Usage: node dist/cli.js <command>
  migrate                 apply pending migrations and exit
  seed-demo               load the seed conference (Quảng Ninh, 2022) into an empty database
  create-user <email> <full name> <password> <role> [agencyId]
                          create a user (role: ${ROLES.join(', ')})
  write-openapi [file]    write the OpenAPI document the app serves at /api/docs-json
                          (default: docs/openapi.json; \`npm run openapi\` builds first)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || !['migrate', 'seed-demo', 'create-user', 'write-openapi'].includes(command)) {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  loadEnvFile();
  const base = AppConfig.fromEnv(process.env);
  const database = await openDatabase(base);
  if (command === 'write-openapi')
    return writeOpenApi(base.with({ databaseUrl: database.url, workers: false, seedDemo: false }), args[0] ?? OPENAPI_FILE, database.stop);
  // Creating the context applies pending migrations.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(base.with({ databaseUrl: database.url })), { logger: ['error', 'warn', 'log'] });
  try {
    if (command === 'seed-demo') await app.get(DemoSeeder).seed();
    if (command === 'create-user') {
      const [email, fullName, password, role, agencyId] = args;
      if (!email || !fullName || !password || !ROLES.includes(role as Role)) throw new Error(USAGE);
      const user = await app.get(UsersService).create(null, { email: email.toLowerCase(), fullName, password, role: role as Role, agencyId: agencyId ?? null });
      console.log(`Created ${user.role} ${user.email} (${user.id})`);
    }
  } finally {
    await app.close();
    await database.stop();
  }
}

/** The same application as main.ts, not listening: the document is built from its controllers as configureApp builds it. */
async function writeOpenApi(config: AppConfig, file: string, stopDatabase: () => Promise<void>): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, logger: ['error', 'warn'] });
  try {
    writeFileSync(file, openApiText(createOpenApiDocument(app)));
    console.log(`Wrote ${file}`);
  } finally {
    await app.close();
    await stopDatabase();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
