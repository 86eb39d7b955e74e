import { ParseIntPipe } from '@nestjs/common';
import { invalid } from '../common/errors/domain-error';

const notAVersion = () => invalid({ vi: 'n: số dự thảo phải là số nguyên dương', en: 'n: the version number must be a positive whole number' });

/** Version numbers in paths: whole numbers from 1, else a 400 before any query (with `positiveVersion`). */
export const versionNumber = new ParseIntPipe({ exceptionFactory: notAVersion });

export function positiveVersion(n: number): number {
  if (n < 1 || n > 2_000_000_000) throw notAVersion();
  return n;
}
