import { PDFDocument } from 'pdf-lib';
import { ServerKeys } from '../src/auth/server-keys';
import { NOT_OFFICIAL, openP12 } from '../src/signing/domain/organisation-certificate';
import { OrganisationSeal } from '../src/signing/organisation-seal';
import { createTestDatabase } from './setup/test-databases';
import { OutsideSigner, pdfsigSignature, TestCa } from './support/pdf-signing-tools';
import { startTestApp, TestApp } from './support/test-app';
import { ADMIN } from './support/test-app';
import { login } from './support/world';

const onePagePdf = async () => {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
};

/** Where the organisation's certificate comes from, and which signatures count as trusted. */
describe('the organisation certificate', () => {
  it('two processes starting at once on a new database end with one certificate, its key never in clear', async () => {
    const databaseUrl = await createTestDatabase();
    const apps: TestApp[] = await Promise.all([startTestApp({ databaseUrl }), startTestApp({ databaseUrl })]);
    try {
      const [a, b] = apps.map((t) => t.app.get(OrganisationSeal, { strict: false }));
      const rows = await apps[0].db.query(`SELECT p12, certificate_pem, certificate_sha256 FROM signing_keys WHERE id = 'organisation'`);
      expect(rows).toHaveLength(1);
      expect(a.certificateSha256).toBe(rows[0].certificate_sha256);
      expect(b.certificateSha256).toBe(rows[0].certificate_sha256);
      expect(a.official).toBe(false);
      expect(a.signer).toContain(NOT_OFFICIAL);
      // Encrypted at rest: the PKCS#12 opens with the passphrase derived from the server secret, not without.
      expect(() => openP12(rows[0].p12, '')).toThrow();
      expect(openP12(rows[0].p12, apps[0].app.get(ServerKeys, { strict: false }).signingKeyPassphrase).chain).toHaveLength(1);
      expect(Buffer.from(rows[0].p12).toString('latin1')).not.toMatch(/PRIVATE KEY/);
    } finally {
      await Promise.all(apps.map((t) => t.close()));
    }
  }, 120_000);

  describe('with SIGNING_P12 and TRUSTED_CERTS', () => {
    const ca = new TestCa('/C=VN/O=Ban Cơ yếu Chính phủ (thử nghiệm)/CN=CA thử nghiệm của duthao');
    const organisation = new OutsideSigner('vanphong', '/C=VN/O=UBND tỉnh Quảng Ninh/CN=Văn phòng UBND tỉnh Quảng Ninh', ca);
    let t: TestApp;
    let token: string;

    beforeAll(async () => {
      t = await startTestApp({ signingP12: organisation.p12File, signingP12Password: 'mk', trustedCerts: [ca.certFile] });
      token = await login(t, ADMIN.email, ADMIN.password);
    });
    afterAll(() => t.close());

    const verify = (pdf: Buffer) =>
      t.http.post('/api/documents/verify').set('Authorization', `Bearer ${token}`).attach('file', pdf, { filename: 'a.pdf', contentType: 'application/pdf' });

    it("seals with the operator's certificate: official, its name, its chain; a verifier trusting the CA says trusted", async () => {
      const seal = t.app.get(OrganisationSeal, { strict: false });
      expect(seal.official).toBe(true);
      expect(seal.signer).toBe('Văn phòng UBND tỉnh Quảng Ninh');
      expect(await t.db.query("SELECT count(*)::int AS n FROM signing_keys WHERE id = 'organisation'")).toEqual([{ n: 0 }]);
      const { pdf, seal: record } = await seal.seal(await onePagePdf(), 'Phê duyệt: Đề án thử nghiệm');
      expect(record).toMatchObject({ signer: 'Văn phòng UBND tỉnh Quảng Ninh', official: true });
      const checker = new OutsideSigner('nguoikiemtra', '/CN=Người kiểm tra');
      checker.trust(ca);
      const report = pdfsigSignature(checker.check(pdf), 1);
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Certificate Validation: Certificate is Trusted.');
      const res = await verify(pdf).expect(200);
      expect(res.body.signatures).toEqual([
        expect.objectContaining({ signer: 'Văn phòng UBND tỉnh Quảng Ninh', valid: true, trusted: true, coversWholeDocument: true }),
      ]);
    });

    it('a signature by a certificate the trusted CA issued is trusted; a self-signed one is not', async () => {
      const leader = new OutsideSigner('lanhdao', '/C=VN/CN=Phạm Văn Thành', ca);
      const stranger = new OutsideSigner('nguoila', '/C=VN/CN=Người lạ');
      const byLeader = (await verify(leader.sign(await onePagePdf())).expect(200)).body;
      expect(byLeader.signatures).toEqual([expect.objectContaining({ signer: 'Phạm Văn Thành', valid: true, trusted: true })]);
      const byStranger = (await verify(stranger.sign(await onePagePdf())).expect(200)).body;
      expect(byStranger.signatures).toEqual([expect.objectContaining({ signer: 'Người lạ', valid: true, trusted: false })]);
    });
  });
});
