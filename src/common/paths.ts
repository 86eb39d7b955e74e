import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The project's root: the nearest folder above this file with package.json (src/, dist/ or dist-bench/ alike). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    if (dirname(dir) === dir) return resolve(__dirname, '..', '..');
  }
}

export const PROJECT_ROOT = findRoot(__dirname);

export const TEMPLATES_DIR = resolve(PROJECT_ROOT, 'templates');
