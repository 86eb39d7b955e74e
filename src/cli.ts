import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { exportAudit, readCheckpoints, verifyExport } from './audit/audit-export';
import { CheckpointKey } from './audit/checkpoint-key';
import { createOpenApiDocument, OPENAPI_FILE, openApiText } from './common/http/openapi-document';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { loadEnvFile } from './config/load-env-file';
import { openDatabase } from './database/open-database';
import { DemoSeeder } from './demo/demo-seeder';
import { UsersService } from './users/users.service';
import { ROLES, Role } from './common/auth/actor';
import { vnNumberText } from './common/vn-number';

const USAGE = `Usage: node dist/cli.js <command>
  migrate                 apply pending migrations and exit
  seed-demo               load the seed conference (Quảng Ninh, 2022) into an empty database
  create-user <email> <full name> <password> <role> [agencyId]
                          create a user (role: ${ROLES.join(', ')})
  write-openapi [file]    write the OpenAPI document the app serves at /api/docs-json
                          (default: docs/openapi.json; \`npm run openapi\` builds first)
  export-audit --out <dir>
                          write the sealed audit log for an outside auditor: entries.jsonl,
                          checkpoints.jsonl, public-key.pem
  verify-audit --checkpoint <file> --public-key <pem> [--log <dir>]
                          check an exported log (default: the current directory) against the
                          checkpoints in <file> (one JSON checkpoint or JSON lines), trusting only
                          <pem>; no database needed. Exit code 1 when anything does not match`;

/** \`--name value\` pairs. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Needs no database and no settings: the auditor runs it on their own machine. */
async function verifyAudit(args: string[]): Promise<void> {
  const checkpointFile = option(args, 'checkpoint');
  const keyFile = option(args, 'public-key');
  if (!checkpointFile || !keyFile) throw new Error(USAGE);
  const dir = option(args, 'log') ?? '.';
  const checkpoints = readCheckpoints(checkpointFile);
  if (!checkpoints.length) {
    // Nothing the auditor holds to check the entries against: that is not a log that verifies.
    console.log(
      `Tệp ${checkpointFile} không có điểm kiểm tra nào: không có gì để đối chiếu.\n${checkpointFile} holds no checkpoint: nothing to check against.`,
    );
    process.exitCode = 1;
    return;
  }
  const { summary, ...result } = await verifyExport(dir, checkpoints, readFileSync(keyFile, 'utf8'));
  // The sentence for the auditor (Vietnamese, then English), then the result for a program.
  console.log(`${summary.vi}\n${summary.en}`);
  console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || !['migrate', 'seed-demo', 'create-user', 'write-openapi', 'export-audit', 'verify-audit'].includes(command)) {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  if (command === 'verify-audit') return verifyAudit(args);
  loadEnvFile();
  const base = AppConfig.fromEnv(process.env);
  const database = await openDatabase(base);
  if (command === 'write-openapi')
    return writeOpenApi(base.with({ databaseUrl: database.url, workers: false, seedDemo: false }), args[0] ?? OPENAPI_FILE, database.stop);
  // Creating the context applies pending migrations.
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(base.with({ databaseUrl: database.url, ...(command === 'export-audit' ? { workers: false } : {}) })),
    { logger: ['error', 'warn', 'log'] },
  );
  try {
    if (command === 'seed-demo') await app.get(DemoSeeder).seed();
    if (command === 'export-audit') {
      const out = option(args, 'out');
      if (!out) throw new Error(USAGE);
      const written = await exportAudit(app.get(DataSource), out, app.get(CheckpointKey).publicKeyPem);
      console.log(
        `Đã ghi ${vnNumberText(written.entries)} mục và ${vnNumberText(written.checkpoints)} điểm kiểm tra vào ${out}\n` +
          `Wrote ${vnNumberText(written.entries, 'en')} entries and ${vnNumberText(written.checkpoints, 'en')} checkpoints to ${out}`,
      );
    }
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
