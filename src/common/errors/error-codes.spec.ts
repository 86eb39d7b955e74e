import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS, ErrorCode } from './domain-error';

/** Programs read `code`, not the message: every code is named in the API's documentation. */
describe('error codes', () => {
  const documented = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'api.md'), 'utf8');

  it.each(Object.keys(ERROR_STATUS) as ErrorCode[])('%s is in docs/api.md', (code) => {
    expect(documented).toContain(`\`${code}\``);
  });

  it('has no catch-all 409: each says what stands in the way', () => {
    expect(Object.keys(ERROR_STATUS)).not.toContain('conflict');
    expect(Object.values(ERROR_STATUS).filter((s) => s === 409).length).toBeGreaterThan(15);
  });
});
