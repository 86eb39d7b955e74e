import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
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
                          create a user (role: ${ROLES.join(', ')})`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || !['migrate', 'seed-demo', 'create-user'].includes(command)) {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  loadEnvFile();
  const base = AppConfig.fromEnv(process.env);
  const database = await openDatabase(base);
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

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
