import { ConfigValues } from '../../src/config/env.schema';
import { startTestApp, TestApp } from './test-app';
import { buildWorld, World } from './world';

/**
 * The set-up most spec files share: the app on a fresh database and a world of `agencies`
 * agencies, started before the file's tests and closed after them; `use` receives both.
 */
export function useWorld(agencies: number, use: (t: TestApp, w: World) => void, overrides: Partial<ConfigValues> = {}): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp(overrides);
    use(t, await buildWorld(t, agencies));
  });
  afterAll(() => t?.close());
}
