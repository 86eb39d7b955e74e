import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { SealApprovedJob } from '../src/signing/seal-approved.job';
import { NOT_OFFICIAL } from '../src/signing/domain/organisation-certificate';
import { readPdfSignatures } from '../src/signing/domain/pdf-signatures';
import { flash, launchBrowser, mainText, signedInPage } from './support/browser';
import { PageChecks } from './support/page-checks';
import { flipByteInStream, OutsideSigner, pdfsigSignature } from './support/pdf-signing-tools';
import { eventually } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, PASSWORD, planWithVersion, World } from './support/world';

/**
 * Approved and signed (docs/api.md): the approved plan sealed on approval, checked by poppler's
 * pdfsig; any PDF checked by duthao; a leader's own signature, made with pdfsig and NSS, filed back.
 */
describe('approved and signed', () => {
  let t: TestApp;
  let w: World;
  let planA: string;
  let planB: string;
  let drafting: string;
  let signedA: Buffer;
  let signedB: Buffer;
  let leader: OutsideSigner;

  const binary = (r: import('supertest').Test) =>
    r.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  const upload = (token: string | null, path: string, file: Buffer, name = 'ban-ky.pdf') => {
    const r = t.http.post(path);
    if (token) r.set('Authorization', `Bearer ${token}`);
    return r.attach('file', file, { filename: name, contentType: 'application/pdf' });
  };
  const signedOf = (planId: string) =>
    eventually(
      async () => {
        const res = await as(t, w.secretariat.token).get(`/api/plans/${planId}/approved`);
        return res.status === 200 && res.body.signingStatus !== 'pending' && res.body;
      },
      90_000,
      `signed PDF of ${planId}`,
    );
  const approve = async (planId: string, approvers: { id: string; token: string }[]) => {
    await as(t, w.secretariat.token)
      .post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: approvers.map((a) => a.id) })
      .expect(201);
    for (const a of approvers) await as(t, a.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve', note: 'Đồng ý.' }).expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: true, outboxPollMs: 200, jobAttempts: 2, jobBackoffMs: 200, renderConcurrency: 1 });
    w = await buildWorld(t, 1);
    planA = (await planWithVersion(w)).planId;
    planB = (await planWithVersion(w, [{ heading: 'Phần I. MỤC TIÊU', body: 'Một kế hoạch khác hẳn, với nội dung khác.' }])).planId;
    drafting = (await planWithVersion(w)).planId;
    await approve(planA, w.leaders);
    await approve(planB, [w.leaders[0]]);
    leader = new OutsideSigner('lanhdao', '/C=VN/O=UBND tỉnh Quảng Ninh/CN=Nguyễn Hoàng Nam');
    await signedOf(planA);
    await signedOf(planB);
    signedA = (await binary(as(t, w.leaders[1].token).get(`/api/plans/${planA}/approved/file`)).expect(200)).body;
    signedB = (await binary(as(t, w.leaders[0].token).get(`/api/plans/${planB}/approved/file`)).expect(200)).body;
  }, 180_000);
  afterAll(() => t.close());

  it('seals the approved version on the last approval, saying the certificate is not for official use', async () => {
    const res = await as(t, w.agencies[0].user.token).get(`/api/plans/${planA}/approved`);
    expect(res.status).toBe(404); // an agency not invited to the plan does not see it
    const view = (await as(t, w.leaders[0].token).get(`/api/plans/${planA}/approved`).expect(200)).body;
    const [key] = await t.db.query(`SELECT certificate_sha256 FROM signing_keys WHERE id = 'organisation'`);
    expect(view).toMatchObject({
      versionNumber: 1,
      signingStatus: 'signed',
      approvers: [
        expect.objectContaining({ id: w.leaders[0].id, fullName: 'Phạm Văn Thành' }),
        expect.objectContaining({ id: w.leaders[1].id, fullName: 'Nguyễn Hoàng Nam' }),
      ],
      document: { id: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), pages: expect.any(Number), status: 'done' },
      signature: { signer: expect.stringContaining(NOT_OFFICIAL), certificateSha256: key.certificate_sha256, signedAt: expect.any(String), official: false },
      signedCopies: [],
    });
    // The seal's time is in whole seconds (what the CMS signing time holds).
    expect(Math.floor(Date.parse(view.approvedAt) / 1000) * 1000).toBeLessThanOrEqual(Date.parse(view.signature.signedAt));
    // The seal's reason, in the PDF, says so too (a PDF text string in UTF-16BE).
    const utf16be = Buffer.from(NOT_OFFICIAL, 'utf16le').swap16();
    expect(signedA.includes(utf16be)).toBe(true);
    // An incremental update: the rendered PDF is the file's first revision, untouched.
    const [sig] = readPdfSignatures(signedA);
    expect(sig.byteRange[0]).toBe(0);
    const firstEnd = signedA.indexOf('%%EOF') + 5;
    expect(firstEnd).toBeLessThan(sig.byteRange[1]);
    const update = signedA.subarray(firstEnd).toString('latin1');
    expect(update).toMatch(/\/Type \/Sig/);
    // The update's own cross-reference section, after the first revision.
    expect(Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(update)![1])).toBeGreaterThan(firstEnd);
    // The document of the plan, readable like the others.
    const doc = (await as(t, w.secretariat.token).get(`/api/documents/${view.document.id}`).expect(200)).body;
    expect(doc).toMatchObject({ kind: 'approved', status: 'done', sha256: view.document.sha256, subject: { planId: planA, versionNumber: 1 } });
  });

  it('pdfsig says the seal is valid and signs the total document; one changed byte and it is not', async () => {
    const report = pdfsigSignature(leader.check(signedA), 1);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain(`Signer Certificate Common Name: ${(await as(t, w.secretariat.token).get(`/api/plans/${planA}/approved`)).body.signature.signer}`);
    // A self-signed certificate: the signature is valid, the certificate is not one NSS trusts.
    expect(report).toMatch(/Certificate Validation: Certificate issuer is unknown\.|Certificate issuer isn't Trusted\./);
    const tampered = flipByteInStream(signedA, 2000);
    const bad = pdfsigSignature(leader.check(tampered), 1);
    expect(bad).toMatch(/Signature Validation: /);
    expect(bad).not.toContain('Signature is Valid.');
    const verdict = (await upload(w.agencies[0].user.token, '/api/documents/verify', tampered).expect(200)).body;
    expect(verdict).toMatchObject({ signed: true, valid: false, signatures: [expect.objectContaining({ valid: false })] });
  });

  it('verify: who signed, valid, trusted, the whole file, and which document it is', async () => {
    const view = (await as(t, w.secretariat.token).get(`/api/plans/${planA}/approved`)).body;
    const res = await upload(w.agencies[0].user.token, '/api/documents/verify', signedA).expect(200);
    expect(res.body).toEqual({
      signed: true,
      valid: true,
      coversWholeDocument: true,
      pages: view.document.pages,
      signatures: [
        {
          signer: view.signature.signer,
          signedAt: view.signature.signedAt,
          certificateSha256: view.signature.certificateSha256,
          valid: true,
          trusted: true,
          coversWholeDocument: true,
        },
      ],
      document: { id: view.document.id, kind: 'approved', planId: planA, versionNumber: 1 },
    });
    const plain = await PDFDocument.create();
    plain.addPage();
    const unsigned = await upload(w.secretariat.token, '/api/documents/verify', Buffer.from(await plain.save())).expect(200);
    expect(unsigned.body).toMatchObject({ signed: false, valid: false, coversWholeDocument: false, signatures: [], document: null, pages: 1 });
  });

  it('verify refuses what is not a PDF (415), a damaged one or no file (400), too large (413), no sign-in (401)', async () => {
    const sec = w.secretariat.token;
    expect((await upload(sec, '/api/documents/verify', Buffer.from('Xin chào, đây không phải PDF'), 'a.txt')).status).toBe(415);
    const damaged = Buffer.concat([
      Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\n'),
      Buffer.alloc(300, 0x41),
      Buffer.from('\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    ]);
    const d = await upload(sec, '/api/documents/verify', damaged);
    expect(d.status).toBe(400);
    expect(d.body.message).toMatch(/PDF bị hỏng/);
    expect((await upload(sec, '/api/documents/verify', signedA.subarray(0, Math.floor(signedA.length / 2)))).status).toBe(415);
    expect((await as(t, sec).post('/api/documents/verify', { file: 'x' })).status).toBe(415);
    expect((await t.http.post('/api/documents/verify').set('Authorization', `Bearer ${sec}`).field('note', 'không có tệp')).status).toBe(400);
    expect((await upload(sec, '/api/documents/verify', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)]))).status).toBe(413);
    expect((await upload(null, '/api/documents/verify', signedA)).status).toBe(401);
  });

  it('GET approved: 409 for a plan not approved, 404 for none, 401 without sign-in', async () => {
    const res = await as(t, w.secretariat.token).get(`/api/plans/${drafting}/approved`);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('drafting');
    expect((await as(t, w.secretariat.token).get(`/api/plans/${drafting}/approved/file`)).status).toBe(409);
    expect((await as(t, w.secretariat.token).get('/api/plans/00000000-0000-4000-8000-000000000000/approved')).status).toBe(404);
    expect((await as(t, w.secretariat.token).get('/api/plans/khong-phai-uuid/approved')).status).toBe(400);
    expect((await t.http.get(`/api/plans/${planA}/approved`)).status).toBe(401);
    expect((await t.http.get(`/api/plans/${planA}/approved/file`)).status).toBe(401);
  });

  it("files the leader's own signature made with pdfsig and NSS; refuses another plan's, a tampered copy, duthao's alone", async () => {
    const copy = leader.sign(signedA);
    const report = leader.check(copy);
    expect(pdfsigSignature(report, 2)).toContain('Signature is Valid.');
    expect(pdfsigSignature(report, 2)).toContain('Total document signed');
    const path = `/api/plans/${planA}/approved/signed-copies`;

    // Only the leader who approved last, or the secretariat.
    expect((await upload(w.leaders[0].token, path, copy)).status).toBe(403);
    expect((await upload(w.agencies[0].user.token, path, copy)).status).toBe(403);
    expect((await upload(null, path, copy)).status).toBe(401);

    const other = await upload(w.leaders[1].token, path, leader.sign(signedB));
    expect(other.status).toBe(422);
    expect(other.body.message).toMatch(/Không nhận bản ký số: .*(trang)/);
    const tampered = await upload(w.leaders[1].token, path, flipByteInStream(copy, 2000));
    expect(tampered.status).toBe(422);
    expect(tampered.body.message).toMatch(/không hợp lệ/);
    const appended = await upload(w.leaders[1].token, path, Buffer.concat([copy, Buffer.from('\n% thêm sau khi ký\n')]));
    expect(appended.status).toBe(422);
    expect(appended.body.message).toMatch(/không bao trùm toàn bộ tệp/);
    const ours = await upload(w.leaders[1].token, path, signedA);
    expect(ours.status).toBe(422);
    expect(ours.body.message).toMatch(/chỉ mang chữ ký của duthao/);
    expect((await upload(w.leaders[1].token, path, Buffer.from('không phải PDF'), 'x.txt')).status).toBe(415);
    expect((await upload(w.leaders[1].token, `/api/plans/${drafting}/approved/signed-copies`, copy)).status).toBe(409);
    expect(await t.db.query('SELECT count(*)::int AS n FROM signed_copies')).toEqual([{ n: 0 }]);

    const filed = await upload(w.leaders[1].token, path, copy);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      signer: 'Nguyễn Hoàng Nam',
      certificateSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      signedAt: expect.any(String),
      filedBy: w.leaders[1].id,
    });
    expect(filed.body.signatures).toHaveLength(2);
    expect(filed.body.signatures[1]).toMatchObject({ valid: true, trusted: false, coversWholeDocument: true });
    expect((await upload(w.secretariat.token, path, copy)).status).toBe(409);
    const listed = (await as(t, w.agencies[0].user.token).get(`/api/plans/${planA}/approved`)).status;
    expect(listed).toBe(404);
    const view = (await as(t, w.secretariat.token).get(`/api/plans/${planA}/approved`)).body;
    expect(view.signedCopies).toEqual([filed.body]);
    const audit = await t.db.query(`SELECT action, data FROM audit_log WHERE action = 'approval.signed_copy_filed'`);
    expect(audit).toEqual([{ action: 'approval.signed_copy_filed', data: expect.objectContaining({ planId: planA, signer: 'Nguyễn Hoàng Nam' }) }]);

    // Checked again later: both signatures, and still known as the approved document (its revision).
    const verdict = (await upload(w.agencies[0].user.token, '/api/documents/verify', copy).expect(200)).body;
    expect(verdict).toMatchObject({ signed: true, valid: true, coversWholeDocument: true, document: { kind: 'approved', planId: planA } });
    expect(verdict.signatures.map((s: { coversWholeDocument: boolean; trusted: boolean }) => [s.coversWholeDocument, s.trusted])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('a retried signing job leaves one signed document', async () => {
    const jobs = t.app.get(SealApprovedJob, { strict: false });
    const [{ approval_id: approvalId, document_id: documentId }] = await t.db.query(
      `SELECT approval_id, document_id FROM approved_documents WHERE plan_id = $1`,
      [planB],
    );
    expect(await jobs.run(approvalId)).toBe('skipped');
    // A worker that died while signing: the job runs again from the start.
    await t.db.query(`UPDATE documents SET status = 'rendering' WHERE id = $1`, [documentId]);
    expect(await jobs.run(approvalId)).toBe('done');
    expect(await jobs.run(approvalId)).toBe('skipped');
    const counts = await t.db.query(
      `SELECT (SELECT count(*)::int FROM documents WHERE kind = 'approved' AND plan_id = $1) AS docs,
              (SELECT count(*)::int FROM approved_documents WHERE plan_id = $1) AS links,
              (SELECT count(*)::int FROM document_files f JOIN documents d ON d.id = f.document_id WHERE d.kind = 'approved' AND d.plan_id = $1) AS files`,
      [planB],
    );
    expect(counts).toEqual([{ docs: 1, links: 1, files: 1 }]);
    const again = (await binary(as(t, w.secretariat.token).get(`/api/plans/${planB}/approved/file`)).expect(200)).body as Buffer;
    expect(pdfsigSignature(leader.check(again), 1)).toContain('Signature is Valid.');
    expect(readPdfSignatures(again)).toHaveLength(1);
  });

  describe('the pages', () => {
    let browser: Browser;
    const checks = new PageChecks();
    const alerts: string[] = [];
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    const pdfFile = (name: string, content: Buffer) => {
      const f = join(leader.dir, name);
      writeFileSync(f, content);
      return f;
    };

    it("the approved plan's page shows the seal, offers the signed PDF and takes the leader's signed copy; Kiểm tra chữ ký reads a verdict", async () => {
      const page = await signedInPage(browser, t.url, (await as(t, w.leaders[1].token).get('/api/me')).body.email, PASSWORD, alerts);
      checks.attach(page, 'leader');
      await page.goto(`${t.url}/plans/${planA}/approved`);
      let text = await mainText(page);
      expect(text).toContain('Chứng thư tự ký của duthao');
      expect(text).toContain(NOT_OFFICIAL);
      expect(text).toContain('Nguyễn Hoàng Nam'); // the copy filed through the API
      expect(await page.$eval('a[href$="/approved/download"]', (a) => a.textContent)).toContain('Tải về bản PDF có chữ ký số');
      const downloaded = await page.evaluate(async (href) => (await fetch(href)).headers.get('content-type'), `/plans/${planA}/approved/download`);
      expect(downloaded).toBe('application/pdf');

      // Another plan's PDF, signed: refused on the same page, saying why.
      await (await page.$('#copy-file'))!.uploadFile(pdfFile('khac.pdf', leader.sign(signedB)));
      await Promise.all([page.waitForNavigation(), page.click('#file-copy button[type=submit]')]);
      text = await mainText(page);
      expect(text).toContain('Chưa thực hiện được');
      expect(text).toMatch(/Không nhận bản ký số: .*trang/);
      // The approved PDF signed once more: taken, and listed.
      await (await page.$('#copy-file'))!.uploadFile(pdfFile('dung.pdf', leader.sign(signedA)));
      await Promise.all([page.waitForNavigation(), page.click('#file-copy button[type=submit]')]);
      expect(await flash(page)).toContain('Đã nhận bản ký số');
      expect((await page.$$('#copies-h ~ .table-scroll table tbody tr')).length).toBe(2);

      await page.goto(`${t.url}/verify`);
      await (await page.$('#verify-file'))!.uploadFile(pdfFile('kiem-tra.pdf', signedA));
      await Promise.all([page.waitForNavigation(), page.click('#verify-form button[type=submit]')]);
      text = await mainText(page);
      expect(text).toContain('Mọi chữ ký số trong tệp đều hợp lệ');
      expect(text).toContain('Bản phê duyệt có chữ ký số, dự thảo lần 1');
      await (await page.$('#verify-file'))!.uploadFile(pdfFile('sua.pdf', flipByteInStream(signedA, 2000)));
      await Promise.all([page.waitForNavigation(), page.click('#verify-form button[type=submit]')]);
      expect(await mainText(page)).toContain('Có chữ ký số không hợp lệ');
      await (await page.$('#verify-file'))!.uploadFile(pdfFile('khong-phai.pdf', Buffer.from('không phải PDF')));
      await Promise.all([page.waitForNavigation(), page.click('#verify-form button[type=submit]')]);
      expect(await mainText(page)).toContain('không phải là tệp PDF');
      // A form posted without its CSRF token changes nothing.
      const forged = await page.evaluate(async (href) => {
        const body = new FormData();
        body.append('file', new Blob(['%PDF-1.4 x %%EOF'], { type: 'application/pdf' }), 'a.pdf');
        return (await fetch(href, { method: 'POST', body })).status;
      }, `/plans/${planA}/approved/signed-copies`);
      expect(forged).toBe(403);
      await page.browserContext().close();
      expect(alerts).toEqual([]);
      expect(await checks.axe(browser, t.url)).toEqual([]);
      expect(await checks.nu()).toEqual([]);
    }, 180_000);
  });
});
