/**
 * Runs one benchmark by name: `npm run bench -- <name>` (e.g. notifications, pdf-render).
 * Each benchmark prints its baseline, measured in the same run, and the ratio to it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const names = readdirSync(__dirname)
    .filter((f) => f.endsWith('.js') && f !== 'run.js')
    .map((f) => f.replace(/\.js$/, ''));
  const name = process.argv[2];
  if (!name || !names.includes(name)) {
    console.log(`Usage: npm run bench -- <${names.join('|')}>`);
    process.exitCode = name ? 2 : 0;
    return;
  }
  const bench = (await import(join(__dirname, `${name}.js`))) as { main: () => Promise<void> };
  await bench.main();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
