import { ChromiumNotFoundError, findChromium } from './chromium';

describe('finding Chromium', () => {
  it('says how to get one when the configured path has none', () => {
    let error: unknown;
    try {
      findChromium('/nonexistent/chromium');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ChromiumNotFoundError);
    expect((error as Error).message).toContain('/nonexistent/chromium');
    expect((error as Error).message).toContain('apt-get install -y --no-install-recommends chromium fonts-croscore');
    expect((error as Error).message).toContain('PUPPETEER_EXECUTABLE_PATH');
  });

  it('takes a configured path that is an executable file', () => {
    expect(findChromium(process.execPath)).toBe(process.execPath);
  });
});
