import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer';

/** Where distributions put Chrome or Chromium. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
];

export const HOW_TO_GET_CHROMIUM =
  'Install one (Debian/Ubuntu: apt-get install -y --no-install-recommends chromium fonts-croscore), ' +
  'or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary (or run: npx puppeteer browsers install chrome).';

export class ChromiumNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumNotFoundError';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser to launch: the path given (from PUPPETEER_EXECUTABLE_PATH in the app's config), else
 * Puppeteer's own choice (its env setting or a browser it downloaded), else one the system has.
 */
export function findChromium(explicit?: string | null): string {
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new ChromiumNotFoundError(`No Chromium at ${explicit} (the configured executable path). ${HOW_TO_GET_CHROMIUM}`);
  }
  let own: string | undefined;
  try {
    own = puppeteer.executablePath();
  } catch {
    own = undefined;
  }
  const candidates = [...(own ? [own] : []), ...SYSTEM_BROWSERS];
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new ChromiumNotFoundError(`No Chromium found to render PDFs (looked in ${candidates.join(', ')}). ${HOW_TO_GET_CHROMIUM}`);
}

/** Flags for a headless Chromium in a container that must reach nothing. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--hide-scrollbars',
  // Glyph positions independent of the machine's hinting settings.
  '--font-render-hinting=none',
  // A second wall behind request interception, and the only one against the connections Chromium
  // opens ahead of requests (preconnect): every connection, loopback included, goes to a closed
  // port, and no host name resolves.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/**
 * One Chromium process with a fresh profile, and the bookkeeping of the renders it serves:
 * how many it started, how many are in flight, its idle pages, whether it is being retired.
 */
export class ChromiumBrowser {
  readonly pid: number | null;
  started = 0;
  inFlight = 0;
  idle: Page[] = [];
  retiring = false;
  /** Set once close() began: its exit is then expected. */
  closing = false;
  gone = false;
  /** Rejects when the process goes away, expectedly or not (check `closing`). */
  readonly lost: Promise<never>;
  private markLost: (err: Error) => void = () => undefined;
  private readonly exitListeners: (() => void)[] = [];
  /** Chromium writes its profile until the very end: the folder goes once the process is gone. */
  private readonly processExited: Promise<void>;
  private profileRemoved: Promise<void> | null = null;

  private constructor(
    readonly browser: Browser,
    private readonly userDataDir: string,
  ) {
    const proc = browser.process();
    this.pid = proc?.pid ?? null;
    this.processExited =
      proc && proc.exitCode === null && proc.signalCode === null ? new Promise((resolve) => proc.once('exit', () => resolve())) : Promise.resolve();
    this.lost = new Promise<never>((_, reject) => {
      this.markLost = reject;
    });
    this.lost.catch(() => undefined);
    browser.on('disconnected', () => this.exited());
  }

  static async launch(executablePath: string): Promise<ChromiumBrowser> {
    const userDataDir = await mkdtemp(join(tmpdir(), 'duthao-chromium-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true,
        userDataDir,
        args: [...CHROMIUM_ARGS],
        // The application decides when to shut down (PdfRenderer.close()); Puppeteer's own
        // handlers would exit the process.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (err) {
      await rm(userDataDir, { recursive: true, force: true });
      throw err;
    }
    const chromium = new ChromiumBrowser(browser, userDataDir);
    // The tab Chromium opens at start is not one of ours.
    for (const page of await browser.pages()) await page.close().catch(() => undefined);
    return chromium;
  }

  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }

  /** Closes the browser, killing it if it does not close within `graceMs`. */
  async close(graceMs: number): Promise<void> {
    if (this.gone) return this.profileRemoved ?? undefined;
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Chromium did not close')), graceMs);
    });
    await Promise.race([this.browser.close(), tooLong]).catch(() => this.kill());
    clearTimeout(timer);
    this.exited();
    await this.profileRemoved;
  }

  kill(): void {
    if (this.gone) return;
    if (!killGroup(this.pid)) this.browser.process()?.kill('SIGKILL');
  }

  private exited(): void {
    if (this.gone) return;
    this.gone = true;
    this.idle = [];
    this.markLost(new Error(this.closing ? 'Chromium was closed' : 'Chromium exited'));
    for (const listener of this.exitListeners) listener();
    this.profileRemoved = this.processExited
      .then(() => this.endGroup())
      .then(() => rm(this.userDataDir, { recursive: true, force: true, maxRetries: 5 }))
      .catch(() => undefined);
  }

  /**
   * Chromium's helpers (zygotes, renderers, the storage and network services) outlive a main
   * process that was killed or crashed, and on a busy machine go on writing into the profile for
   * a while, even recreating it after it was removed. Puppeteer starts Chromium as the leader of
   * its own process group, so the whole group is killed, and the profile removed once it is empty.
   */
  private async endGroup(): Promise<void> {
    if (!killGroup(this.pid)) return;
    // No event tells when processes that are not our children are gone: look until none is left.
    for (let i = 0; i < 250 && groupAlive(this.pid!); i++) await new Promise((r) => setTimeout(r, 20));
  }
}

/** SIGKILL to every process of the group led by `pid`; false if there is no such group. */
function killGroup(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a process of the group still runs. A killed helper stays a zombie until its new parent
 * reaps it, which a container's pid 1 may never do: zombies, which write nothing, do not count.
 */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(group) === pgid && state !== 'Z';
    } catch {
      return false;
    }
  });
}
