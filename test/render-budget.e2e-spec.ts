import { estimatePages } from '../src/documents/domain/page-estimate';
import { buildPlanDocument } from '../src/documents/domain/plan-document';
import { buildReportDocument } from '../src/documents/domain/report-document';
import { MAX_REQUEUES } from '../src/documents/documents.service';
import { renderHtml } from '../src/documents/render/document-templates';
import { PdfRenderer } from '../src/documents/render/pdf-renderer';
import { largePlanInput, largeReportInput } from './pdf-support';
import { eventually } from './support/smtp-sink';
import { startTestApp } from './support/test-app';
import { as, buildWorld, planWithVersion } from './support/world';

const small = '<!DOCTYPE html><html lang="vi"><body><p>Hợp tác xã</p></body></html>';

/** Rendering bounded by the size of what renders, not only by how many (docs/operations.md). */
describe('the renderer bounded by estimated pages', () => {
  const renderers: PdfRenderer[] = [];
  const make = (options: ConstructorParameters<typeof PdfRenderer>[0]) => {
    const r = new PdfRenderer(options);
    renderers.push(r);
    return r;
  };
  afterAll(() => Promise.all(renderers.map((r) => r.close())));

  /** Three big documents asked for first, then three small ones, all at once; the order they finish in. */
  async function race(r: PdfRenderer): Promise<string[]> {
    await r.render(small);
    const big = renderHtml('report', buildReportDocument(largeReportInput(150)));
    const finished: string[] = [];
    const jobs = [
      ...['big1', 'big2', 'big3'].map((name) => r.render(big, { pages: 800 }).then(() => finished.push(name))),
      ...['small1', 'small2', 'small3'].map((name) => r.render(small, { pages: 2 }).then(() => finished.push(name))),
    ];
    await Promise.all(jobs);
    return finished;
  }

  it('renders big documents one after another, small ones beside them', async () => {
    const r = make({ concurrency: 4, budgetPages: 1000 });
    const finished = await race(r);
    // Never two big ones at once: the peak is one big and the three small.
    expect(r.stats().maxPagesInFlight).toBe(806);
    expect(finished.filter((n) => n.startsWith('big'))).toEqual(['big1', 'big2', 'big3']);
    // The small ones did not wait for the big queue: all were done before the second big one.
    expect(finished.indexOf('small3')).toBeLessThan(finished.indexOf('big2'));
  });

  it('without a budget, the same renders crowd in together (what the budget prevents)', async () => {
    const r = make({ concurrency: 4 });
    await race(r);
    expect(r.stats().maxPagesInFlight).toBe(3 * 800 + 2);
  });

  it('sizes the time limit by the document: a long render that the base limit cuts off finishes', async () => {
    // Far from both outcomes, so a busy machine changes neither: no report of a hundred pages
    // renders in 50 ms, and its sized limit is a second per page.
    const limit = 50;
    const model = buildReportDocument(largeReportInput(600));
    const html = renderHtml('report', model);
    const pages = estimatePages(model);
    const r = make({ concurrency: 1, timeoutMs: limit, timeoutPerPageMs: 1000 });
    expect(r.timeLimit(pages)).toBe(limit + 1000 * pages);
    await expect(r.render(html)).rejects.toMatchObject({ name: 'PdfRenderError', reason: 'timeout' });
    const out = await r.render(html, { pages });
    // The estimate is within a factor of two of the pages printed.
    expect(out.pages).toBeGreaterThan(pages / 2);
    expect(out.pages).toBeLessThan(pages * 2);
  }, 300_000);

  it('estimates a plan within a factor of two of its pages', async () => {
    const model = buildPlanDocument(largePlanInput(100));
    const out = await make({ concurrency: 1 }).render(renderHtml('plan', model));
    const pages = estimatePages(model);
    expect(out.pages).toBeGreaterThan(pages / 2);
    expect(out.pages).toBeLessThan(pages * 2);
  });
});

describe('a document that keeps failing', () => {
  it('is put back in the queue by readers only a few times; an administrator may still', async () => {
    const broken = await startTestApp({
      workers: true,
      puppeteerExecutablePath: '/nonexistent/chromium',
      outboxPollMs: 200,
      jobAttempts: 1,
      jobBackoffMs: 100,
    });
    try {
      const w = await buildWorld(broken, 1);
      const p = await planWithVersion(w);
      const body = { kind: 'plan', planId: p.planId, versionNumber: 1 };
      const readers = [as(broken, w.secretariat.token), as(broken, w.leaders[0].token)];
      const failed = (id: string) =>
        eventually(async () => (await readers[0].get(`/api/documents/${id}`)).body.status === 'failed', 30_000, 'the render to fail');
      const first = await readers[0].post('/api/documents', body).expect(202);
      await failed(first.body.id);
      for (let i = 0; i < MAX_REQUEUES; i++) {
        const again = await readers[i % 2].post('/api/documents', body).expect(202);
        expect(again.body).toMatchObject({ id: first.body.id, status: 'queued' });
        await failed(first.body.id);
      }
      const jobsBefore = (await as(broken, w.admin.token).get('/api/admin/jobs/failed')).body.items.length;
      for (const reader of readers) {
        const refused = await reader.post('/api/documents', body).expect(202);
        expect(refused.body).toMatchObject({ id: first.body.id, status: 'failed', error: expect.stringMatching(/chromium/i) });
      }
      const [row] = await broken.db.query('SELECT status, requeues FROM documents WHERE id = $1', [first.body.id]);
      expect(row).toEqual({ status: 'failed', requeues: MAX_REQUEUES });
      expect((await as(broken, w.admin.token).get('/api/admin/jobs/failed')).body.items.length).toBe(jobsBefore);
      const audit = await broken.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.requeued' AND entity_id = $1`, [first.body.id]);
      expect(audit[0].n).toBe(MAX_REQUEUES);
      // The administrator, once the cause is dealt with, can always ask again.
      const byAdmin = await as(broken, w.admin.token).post('/api/documents', body).expect(202);
      expect(byAdmin.body).toMatchObject({ id: first.body.id, status: 'queued' });
    } finally {
      await broken.close();
    }
  });
});
