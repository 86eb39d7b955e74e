import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { buildMinutesDocument } from '../src/documents/domain/minutes-document';
import { buildReportDocument } from '../src/documents/domain/report-document';
import { sampleMinutesInput } from './fixtures/document-inputs';
import { renderHtml } from '../src/documents/render/document-templates';
import { PdfRenderer, PdfRenderError } from '../src/documents/render/pdf-renderer';
import { largeReportInput, readPdf } from './pdf-support';

const small = '<!DOCTYPE html><html lang="vi"><body><p>Hợp tác xã</p></body></html>';
const paragraphs = (n: number) =>
  `<!DOCTYPE html><html lang="vi"><body>${'<p>Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng.</p>'.repeat(n)}</body></html>`;
const bigReport = (rows: number) => renderHtml('report', buildReportDocument(largeReportInput(rows)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes (not zombies) of the process group Chromium leads: its helpers. */
function groupMembers(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(group) === pgid && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The fresh profile folder Chromium was started with. */
function profileOf(pid: number): string {
  const arg = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    .split('\0')
    .find((a) => a.startsWith('--user-data-dir='));
  return arg!.slice('--user-data-dir='.length);
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('PdfRenderer: one warm Chromium, bounded, recycled and relaunched', () => {
  const renderers: PdfRenderer[] = [];
  const make = (options: ConstructorParameters<typeof PdfRenderer>[0]) => {
    const r = new PdfRenderer(options);
    renderers.push(r);
    return r;
  };
  afterAll(() => Promise.all(renderers.map((r) => r.close())));

  it('counts pages as pdfinfo does', async () => {
    const r = make({ concurrency: 2 });
    const html = [small, paragraphs(60), paragraphs(700), renderHtml('minutes', buildMinutesDocument(sampleMinutesInput())), bigReport(120)];
    const out = await Promise.all(html.map((h) => r.render(h)));
    const counted = out.map((o) => o.pages);
    expect(counted).toEqual(out.map((o) => readPdf(o.pdf).pages));
    expect(counted[0]).toBe(1);
    expect(new Set(counted).size).toBeGreaterThanOrEqual(4);
  });

  it('keeps one browser warm across renders', async () => {
    const r = make({ concurrency: 1 });
    await r.render(small);
    const pid = r.stats().browserPid;
    for (let i = 0; i < 5; i++) await r.render(small);
    expect(r.stats()).toMatchObject({ browserPid: pid, launches: 1, renders: 6 });
  });

  it('fails the render in progress when Chromium is killed, and relaunches for the next one', async () => {
    const r = make({ concurrency: 1 });
    await r.render(small);
    const pid = r.stats().browserPid!;
    const profile = profileOf(pid);
    expect(existsSync(profile)).toBe(true);
    const started = Date.now();
    const rendering = r.render(bigReport(600));
    const outcome = rendering.then(
      () => 'rendered',
      (err: unknown) => err,
    );
    await until(() => r.stats().inFlight === 1);
    await sleep(300);
    process.kill(pid, 'SIGKILL');
    const err = await outcome;
    expect(err).toBeInstanceOf(PdfRenderError);
    expect(err).toMatchObject({ reason: 'crash' });
    expect(Date.now() - started).toBeLessThan(10_000);
    await until(() => !alive(pid));
    await until(() => !existsSync(profile));
    // Its helpers, which outlive a killed main process, went with it, and wrote nothing after.
    expect(groupMembers(pid)).toEqual([]);
    expect(existsSync(profile)).toBe(false);

    const next = await r.render(small);
    expect(next.pages).toBe(1);
    expect(r.stats().browserPid).not.toBe(pid);
    expect(r.stats().launches).toBe(2);
  });

  it('replaces the browser after `recycleAfter` renders', async () => {
    const r = make({ concurrency: 1, recycleAfter: 3 });
    const pids: (number | null)[] = [];
    for (let i = 0; i < 7; i++) {
      await r.render(small);
      pids.push(r.stats().browserPid ?? null);
    }
    // The third render retires its browser; the fourth starts a new one.
    const launches = r.stats().launches;
    expect(launches).toBe(3);
    const [a, b, c] = [pids[0], pids[3], pids[6]];
    expect(new Set([a, b, c]).size).toBe(3);
    await until(() => !alive(a!) && !alive(b!));
  });

  it('finishes the renders in flight on a browser it retires', async () => {
    const r = make({ concurrency: 3, recycleAfter: 2 });
    const html = [bigReport(150), small, bigReport(100), small, paragraphs(300), small, bigReport(80)];
    const out = await Promise.all(html.map((h) => r.render(h)));
    expect(out.every((o) => o.pages >= 1)).toBe(true);
    expect(r.stats().launches).toBeGreaterThanOrEqual(3);
    expect(r.stats().renders).toBe(7);
  });

  it('rejects a render that runs past its time limit and renders the next one', async () => {
    // A limit far above a small render on this machine as busy as it is now, browser launch included
    // (the render after the timeout starts a new Chromium), and a render that cannot finish at all
    // (its page's renderer processes stopped): neither outcome depends on speed.
    const probe = make({ concurrency: 1 });
    const before = Date.now();
    await probe.render(small);
    const limit = Math.max(1_500, 5 * (Date.now() - before));
    await probe.close();
    const r = make({ concurrency: 1, timeoutMs: limit });
    await r.render(small);
    const stopped = groupMembers(r.stats().browserPid!).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'));
    expect(stopped.length).toBeGreaterThan(0);
    for (const pid of stopped) process.kill(pid, 'SIGSTOP');
    try {
      await expect(r.render(small)).rejects.toMatchObject({ name: 'PdfRenderError', reason: 'timeout' });
    } finally {
      for (const pid of stopped) process.kill(pid, 'SIGCONT');
    }
    expect((await r.render(small)).pages).toBe(1);
  });

  it('renders at most `concurrency` pages at once and queues the rest', async () => {
    const r = make({ concurrency: 2 });
    await r.render(small);
    const html = bigReport(60);
    let maxChromiumPages = 0;
    let maxInFlight = 0;
    let maxWaiting = 0;
    let done = false;
    const sampling = (async () => {
      while (!done) {
        maxChromiumPages = Math.max(maxChromiumPages, await r.openPages());
        const s = r.stats();
        maxInFlight = Math.max(maxInFlight, s.inFlight);
        maxWaiting = Math.max(maxWaiting, s.waiting);
        await sleep(5);
      }
    })();
    const out = await Promise.all(Array.from({ length: 8 }, () => r.render(html)));
    done = true;
    await sampling;
    expect(out.map((o) => o.pages)).toEqual(Array(8).fill(out[0].pages));
    expect(maxInFlight).toBe(2);
    expect(maxWaiting).toBeGreaterThanOrEqual(5);
    expect(maxChromiumPages).toBeLessThanOrEqual(2);
    expect(r.stats().maxOpenPages).toBe(2);
  });

  it('says how to get Chromium when there is none', async () => {
    const r = make({ executablePath: '/nonexistent/chromium' });
    const err = await r.render(small).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('apt-get install -y --no-install-recommends chromium fonts-croscore');
    expect((err as Error).message).toContain('PUPPETEER_EXECUTABLE_PATH');
  });

  it('closes its browser and refuses renders once closed', async () => {
    const r = make({ concurrency: 1 });
    await r.render(small);
    const pid = r.stats().browserPid!;
    const profile = profileOf(pid);
    const waiting = [r.render(bigReport(600)), r.render(small)].map((p) => p.catch((e: unknown) => e));
    await until(() => r.stats().inFlight === 1);
    await r.close();
    const [inFlight, queued] = await Promise.all(waiting);
    expect(queued).toMatchObject({ reason: 'closed' });
    expect(inFlight).toMatchObject({ name: 'PdfRenderError', reason: 'closed' });
    await expect(r.render(small)).rejects.toMatchObject({ reason: 'closed' });
    // close() returns once the process is gone and its profile folder removed.
    expect(alive(pid)).toBe(false);
    expect(existsSync(profile)).toBe(false);
  });
});
