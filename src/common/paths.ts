import { resolve } from 'node:path';

/** The project's root: src/common/.. /.. from source, dist/common/../.. once built. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

export const TEMPLATES_DIR = resolve(PROJECT_ROOT, 'templates');
