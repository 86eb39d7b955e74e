import { startTestApp, TestApp } from './support/test-app';
import { minimalDocx, wordFixture, zip } from './support/word-files';
import { as, buildWorld, openRound, planWithVersion, respond, snapshot, World } from './support/world';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MB = 1024 * 1024;

/** Word files in: docs/api.md "Word files (.docx)" and docs/word-files.md. */
describe('Word import through the API', () => {
  let t: TestApp;
  let w: World;

  const upload = (
    method: 'post' | 'put',
    path: string,
    token: string | null,
    file: Buffer | null,
    fields: Record<string, string> = {},
    name = 'du-thao.docx',
  ) => {
    let req = t.http[method](path);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return file ? req.attach('file', file, { filename: name, contentType: DOCX }) : req;
  };
  const importPlan = (file: Buffer | null, fields: Record<string, string> = {}, token: string | null = w.secretariat.token, name?: string) =>
    upload('post', '/api/plans/import', token, file, fields, name);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 2);
  });
  afterAll(() => t?.close());

  describe('POST /api/plans/import', () => {
    it('an agency file with no heading styles: the title from its title block, sections from "Phần", lower levels bold in the body (201)', async () => {
      const res = await importPlan(wordFixture('de-an-outline.docx'));
      expect(res.status).toBe(201);
      expect(res.body.plan).toMatchObject({
        title: 'Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030',
        kind: 'Đề án',
        status: 'drafting',
      });
      expect(res.body.sections).toBe(3);
      expect(res.body.skipped).toEqual(
        expect.arrayContaining([
          { what: 'image', where: 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN' },
          { what: 'footnote', where: 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN' },
        ]),
      );
      const draft = await as(t, w.secretariat.token).get(`/api/plans/${res.body.plan.id}/draft`).expect(200);
      const sections: { key: string; heading: string; body: string }[] = draft.body.sections;
      expect(sections.map((s) => s.heading)).toEqual([
        'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN',
        'Phần II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP',
        'Phần III. TỔ CHỨC THỰC HIỆN',
      ]);
      expect(sections[0].body).toContain('**I. CĂN CỨ PHÁP LÝ**');
      expect(sections[0].body).toContain('**1. Kết quả đạt được**');
      expect(sections[0].body).toContain('góp phần *xóa đói giảm nghèo* ở nông thôn.');
      expect(sections[0].body).toContain('[1] Số liệu của Liên minh Hợp tác xã tỉnh đến ngày 31 tháng 5 năm 2022.');
      expect(sections[0].body).not.toMatch(/ỦY BAN NHÂN DÂN|Độc lập|Số: 125/);
      expect(sections[2].body).toBe('Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Liên minh Hợp tác xã tỉnh rà soát các vướng mắc.');
      const audit = await as(t, w.secretariat.token).get(`/api/audit?entityType=plan&entityId=${res.body.plan.id}`).expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('plan.created');
    });

    it('a file with heading styles: Heading 1 and 2 start sections; lists, tables, bold and italic as Markdown; an empty section; title and kind given win', async () => {
      const res = await importPlan(wordFixture('ke-hoach-headings.docx'), { title: 'Kế hoạch chuyển đổi số 2023', kind: 'Kế hoạch' });
      expect(res.status).toBe(201);
      expect(res.body.plan).toMatchObject({ title: 'Kế hoạch chuyển đổi số 2023', kind: 'Kế hoạch' });
      const draft = await as(t, w.secretariat.token).get(`/api/plans/${res.body.plan.id}/draft`).expect(200);
      const byHeading = Object.fromEntries(draft.body.sections.map((s: { heading: string; body: string }) => [s.heading, s.body]));
      expect(Object.keys(byHeading)).toEqual([
        'I. MỤC ĐÍCH, YÊU CẦU',
        '1. Mục tiêu cụ thể',
        'II. NHIỆM VỤ VÀ GIẢI PHÁP',
        'III. TỔ CHỨC THỰC HIỆN',
        'IV. HIỆU LỰC',
      ]);
      expect(byHeading['I. MỤC ĐÍCH, YÊU CẦU']).toBe(
        'Kế hoạch nhằm **cụ thể hóa** các nhiệm vụ của tỉnh về *chuyển đổi số* trong năm 2023.\n\n- Bảo đảm sự lãnh đạo thống nhất của Tỉnh ủy.\n- Huy động sự tham gia của người dân và doanh nghiệp.',
      );
      expect(byHeading['1. Mục tiêu cụ thể']).toBe('1. 100% hồ sơ được số hóa.\n2. 80% dịch vụ công trực tuyến toàn trình.');
      expect(byHeading['II. NHIỆM VỤ VÀ GIẢI PHÁP']).toContain(
        '| Nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n| --- | --- | --- |\n| Xây dựng kho dữ liệu dùng chung | Sở Thông tin và Truyền thông | Quý III/2023 |',
      );
      expect(byHeading['II. NHIỆM VỤ VÀ GIẢI PHÁP']).toContain('**Ghi chú**');
      expect(byHeading['IV. HIỆU LỰC']).toBe('');
    });

    it('no token: 401; not the secretariat: 403; a bad field: 400; nothing created', async () => {
      const before = await snapshot(t);
      expect((await importPlan(wordFixture('de-an-outline.docx'), {}, null)).status).toBe(401);
      expect((await importPlan(wordFixture('de-an-outline.docx'), {}, w.agencies[0].user.token)).status).toBe(403);
      const bad = await importPlan(wordFixture('de-an-outline.docx'), { title: 'x'.repeat(501) });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.message)).toContain('title');
      const unknown = await importPlan(wordFixture('de-an-outline.docx'), { ownerAgencyId: 'not-a-uuid' });
      expect(unknown.status).toBe(400);
      expect(await snapshot(t)).toEqual(before);
    });

    it('a file with no title block and no title given: 400 asking for one; with a title: 201', async () => {
      const file = minimalDocx(['I. MỤC TIÊU', 'Nội dung mục tiêu.', 'II. GIẢI PHÁP', 'Nội dung giải pháp.']);
      const res = await importPlan(file);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('title');
      const ok = await importPlan(file, { title: 'Kế hoạch không có phần tiêu đề' });
      expect(ok.status).toBe(201);
      expect(ok.body.sections).toBe(2);
    });

    describe('bad files: a clear 4xx and nothing created', () => {
      const bomb = Buffer.alloc(90 * MB);
      const BAD: [string, () => Buffer, number, RegExp][] = [
        [
          'a renamed PDF',
          () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
          415,
          /không phải tài liệu Word/,
        ],
        ['an old .doc (OLE2)', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 415, /\.doc/],
        ['a .docm with macros', () => minimalDocx(['ĐỀ ÁN', 'Có macro', 'I. MỤC TIÊU', 'x'], { macros: true }), 415, /macro/],
        ['a zip with no word/document.xml', () => zip([{ name: 'hello.txt', data: Buffer.from('xin chào') }]), 415, /word\/document\.xml/],
        ['a truncated .docx', () => wordFixture('de-an-outline.docx').subarray(0, 3000), 400, /bị hỏng/],
        ['a .docx whose XML is broken', () => minimalDocx([], { documentXml: '<w:document xmlns:w="x"><w:body><w:p>' }), 400, /hỏng|không/],
        ['a zip bomb that says its size (3 × 90 MB)', () => zip([0, 1, 2].map((i) => ({ name: `word/media/zero${i}.bin`, data: bomb }))), 400, /200 MB/],
        ['a zip bomb that lies about its size', () => zip([{ name: 'word/document.xml', data: bomb, declaredSize: 1000 }]), 400, /hỏng|200 MB/],
        ['a .docx with no text', () => minimalDocx(['']), 400, /không có nội dung/],
      ];
      it.each(BAD)('%s', async (_, make, status, message) => {
        const before = await snapshot(t);
        const res = await importPlan(make(), { title: 'Tệp xấu' });
        expect(res.status).toBe(status);
        expect(res.body.message).toMatch(message);
        expect(await snapshot(t)).toEqual(before);
      });

      it('over 20 MB: 413; not multipart: 415; no file: 400', async () => {
        const big = await importPlan(Buffer.alloc(21 * MB, 1));
        expect(big.status).toBe(413);
        const json = await as(t, w.secretariat.token).post('/api/plans/import', { title: 'JSON' });
        expect(json.status).toBe(415);
        const none = await importPlan(null, { title: 'Không có tệp' });
        expect(none.status).toBe(400);
      });
    });
  });

  describe('PUT /api/plans/:id/draft/import', () => {
    it('keeps the key of every section whose heading matches, adds and removes the others, with a new ETag (200)', async () => {
      const created = await importPlan(wordFixture('de-an-outline.docx'));
      const planId = created.body.plan.id;
      const draft = await as(t, w.secretariat.token).get(`/api/plans/${planId}/draft`).expect(200);
      const keys = draft.body.sections.map((s: { key: string }) => s.key);
      const file = minimalDocx([
        'ĐỀ ÁN',
        'Phát triển kinh tế tập thể',
        'Phần I',
        'SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN',
        'Nội dung mới của phần I.',
        'Phần II',
        'KINH PHÍ THỰC HIỆN',
        'Ngân sách tỉnh.',
        'Phần III',
        'TỔ CHỨC THỰC HIỆN',
        'Giao các sở.',
      ]);
      const res = await upload('put', `/api/plans/${planId}/draft/import`, w.secretariat.token, file).set('If-Match', draft.headers.etag);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"draft-2"');
      expect(res.body).toMatchObject({ matched: 2, added: 1, removed: 1, skipped: [] });
      expect(res.body.sections.map((s: { key: string; heading: string }) => [s.key, s.heading])).toEqual([
        [keys[0], 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN'],
        [expect.not.stringMatching(new RegExp(`^(${keys.join('|')})$`)), 'Phần II. KINH PHÍ THỰC HIỆN'],
        [keys[2], 'Phần III. TỔ CHỨC THỰC HIỆN'],
      ]);
      expect(res.body.sections[0].body).toBe('Nội dung mới của phần I.');

      // The ETag just used is stale now: 412, and nothing changes.
      const stale = await upload('put', `/api/plans/${planId}/draft/import`, w.secretariat.token, file).set('If-Match', draft.headers.etag);
      expect(stale.status).toBe(412);
      const missing = await upload('put', `/api/plans/${planId}/draft/import`, w.secretariat.token, file);
      expect(missing.status).toBe(428);
      const bad = await upload('put', `/api/plans/${planId}/draft/import`, w.secretariat.token, wordFixture('de-an-outline.docx').subarray(0, 2000)).set(
        'If-Match',
        '"draft-2"',
      );
      expect(bad.status).toBe(400);
      expect((await as(t, w.secretariat.token).get(`/api/plans/${planId}/draft`)).headers.etag).toBe('"draft-2"');
    });

    it('unknown plan: 404; not the secretariat: 403; no token: 401; a plan awaiting approval: 409', async () => {
      const file = wordFixture('ke-hoach-headings.docx');
      expect(
        (await upload('put', '/api/plans/00000000-0000-4000-8000-000000000000/draft/import', w.secretariat.token, file).set('If-Match', '"draft-1"')).status,
      ).toBe(404);
      const { planId } = await planWithVersion(w);
      expect((await upload('put', `/api/plans/${planId}/draft/import`, w.agencies[0].user.token, file).set('If-Match', '"draft-1"')).status).toBe(403);
      expect((await upload('put', `/api/plans/${planId}/draft/import`, null, file).set('If-Match', '"draft-1"')).status).toBe(401);
      await as(t, w.secretariat.token)
        .post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[0].id] })
        .expect(201);
      const refused = await upload('put', `/api/plans/${planId}/draft/import`, w.secretariat.token, file).set('If-Match', '"draft-1"');
      expect(refused.status).toBe(409);
    });
  });
  describe('POST /api/rounds/:id/comments/import', () => {
    let roundId: string;
    let keys: string[];

    beforeAll(async () => {
      const created = await importPlan(wordFixture('de-an-outline.docx'));
      const planId = created.body.plan.id;
      await as(t, w.secretariat.token).post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
      keys = (await as(t, w.secretariat.token).get(`/api/plans/${planId}/versions/1`)).body.sections.map((s: { key: string }) => s.key);
      roundId = await openRound(w, planId, [w.agencies[0]]);
    });

    const importReply = (file: Buffer | null, token: string | null = w.agencies[0].user.token, id = roundId) =>
      upload('post', `/api/rounds/${id}/comments/import`, token, file);

    it('Word comments become drafts with their passage and section; tracked changes become suggested wordings; the rest is listed unplaced (201)', async () => {
      const res = await importReply(wordFixture('y-kien-so-tai-chinh.docx'));
      expect(res.status).toBe(201);
      const created = res.body.created.map((c: Record<string, unknown>) => ({
        sectionKey: c.sectionKey,
        quote: c.quote,
        body: c.body,
        suggestion: c.suggestion,
        status: c.status,
      }));
      expect(created).toEqual([
        { sectionKey: keys[0], quote: '633 hợp tác xã', body: 'Đề nghị cập nhật số liệu đến hết tháng 6 năm 2022.', suggestion: null, status: 'draft' },
        {
          sectionKey: keys[1],
          quote: 'Hoàn thiện 5 mô hình hợp tác xã điểm',
          body: 'Cần nêu rõ địa bàn của từng mô hình.\nĐề nghị bổ sung kinh phí dự kiến.',
          suggestion: null,
          status: 'draft',
        },
        {
          sectionKey: keys[0],
          quote: '*xóa đói giảm nghèo* ở nông thôn.',
          body: 'Đề nghị bỏ “ở nông thôn”.',
          suggestion: { delete: 'ở nông thôn', insert: '' },
          status: 'draft',
        },
        { sectionKey: keys[1], quote: 'ít nhất 30 hợp tác', body: 'Đề nghị sửa “30” thành “35”.', suggestion: { delete: '30', insert: '35' }, status: 'draft' },
        {
          sectionKey: keys[2],
          quote: 'Hợp tác xã tỉnh',
          body: 'Đề nghị bổ sung “và Sở Tài chính”.',
          suggestion: { delete: '', insert: 'và Sở Tài chính' },
          status: 'draft',
        },
      ]);
      expect(res.body.unplaced).toEqual([
        {
          text: 'Đoạn này không có trong dự thảo gửi xin ý kiến.',
          code: 'not_found',
          reason: 'Không tìm thấy đoạn “Nguồn vốn hỗ trợ hợp tác xã được bố trí hằng năm” trong dự thảo lần 1.',
        },
      ]);
      // The drafts are the agency's own until it submits them, as any comment.
      const mine = await as(t, w.agencies[0].user.token).get(`/api/rounds/${roundId}/comments`).expect(200);
      expect(mine.body.total).toBe(5);
      const one = await as(t, w.agencies[0].user.token).get(`/api/comments/${res.body.created[3].id}`).expect(200);
      expect(one.body.suggestion).toEqual({ delete: '30', insert: '35' });
      const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'comment.created' AND entity_id = ANY($1::uuid[])`, [
        res.body.created.map((c: { id: string }) => c.id),
      ]);
      expect(audit[0].n).toBe(5);
    });

    it('a comment with a suggestion through the API: needs a quote (400); with one (201)', async () => {
      const body = { sectionKey: keys[2], quote: 'rà soát các vướng mắc', body: 'Đề nghị sửa.', suggestion: { delete: 'rà soát', insert: 'tổng hợp' } };
      const ok = await as(t, w.agencies[0].user.token).post(`/api/rounds/${roundId}/comments`, body);
      expect(ok.status).toBe(201);
      expect(ok.body.suggestion).toEqual({ delete: 'rà soát', insert: 'tổng hợp' });
      const noQuote = await as(t, w.agencies[0].user.token).post(`/api/rounds/${roundId}/comments`, { ...body, quote: undefined });
      expect(noQuote.status).toBe(400);
      const empty = await as(t, w.agencies[0].user.token).post(`/api/rounds/${roundId}/comments`, { ...body, suggestion: { delete: '', insert: ' ' } });
      expect(empty.status).toBe(400);
      await as(t, w.agencies[0].user.token).delete(`/api/comments/${ok.body.id}`).expect(204);
    });

    it('no token: 401; the secretariat: 403; an agency not invited or an unknown round: 404; a bad file: 415/400; nothing created', async () => {
      const before = await snapshot(t);
      const reply = wordFixture('y-kien-so-tai-chinh.docx');
      expect((await importReply(reply, null)).status).toBe(401);
      expect((await importReply(reply, w.secretariat.token)).status).toBe(403);
      expect((await importReply(reply, w.agencies[1].user.token)).status).toBe(404);
      expect((await importReply(reply, w.agencies[0].user.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await importReply(Buffer.from('%PDF-1.7\n%%EOF\n'))).status).toBe(415);
      expect((await importReply(minimalDocx(['x'], { macros: true }))).status).toBe(415);
      expect((await importReply(reply.subarray(0, 2500))).status).toBe(400);
      expect((await importReply(Buffer.alloc(21 * MB, 1))).status).toBe(413);
      expect(await snapshot(t)).toEqual(before);
    });

    it('once the agency has responded (409) and once the round is closed (409), nothing is created', async () => {
      await respond(w, w.agencies[0], roundId, { reference: '88/STC-NS' });
      let before = await snapshot(t);
      const responded = await importReply(wordFixture('y-kien-so-tai-chinh.docx'));
      expect(responded.status).toBe(409);
      expect(await snapshot(t)).toEqual(before);
      await as(t, w.secretariat.token).post(`/api/rounds/${roundId}/close`).expect(200);
      before = await snapshot(t);
      const closed = await importReply(wordFixture('y-kien-so-tai-chinh.docx'));
      expect(closed.status).toBe(409);
      expect(closed.body.message).toContain('closed');
      expect(await snapshot(t)).toEqual(before);
    });
  });
});
