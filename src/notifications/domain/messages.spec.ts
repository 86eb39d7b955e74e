import type { Decision } from '../../consultation/domain/disposition';
import { excerpt, MESSAGES } from './messages';

describe('notification messages', () => {
  it('tells an invited agency what to do and by when, in Vietnamese time', () => {
    const m = MESSAGES.roundOpened({
      planTitle: 'Đề án HTX',
      roundTitle: 'Lấy ý kiến lần 1',
      versionNumber: 1,
      deadline: new Date('2022-05-31T10:00:00Z'),
      roundId: 'r1',
    });
    expect(m).toEqual({
      kind: 'round_opened',
      title: 'Đề nghị góp ý: Đề án HTX',
      body: 'Đơn vị được đề nghị góp ý dự thảo lần 1 (Lấy ý kiến lần 1). Hạn gửi văn bản góp ý: 17 giờ 00, ngày 31/05/2022.',
      path: '/rounds/r1',
      subject: { type: 'round', id: 'r1' },
    });
  });

  it('counts down in days, then says when the deadline has passed', () => {
    const base = { planTitle: 'Đề án HTX', deadline: new Date('2022-05-31T10:00:00Z'), roundId: 'r1' };
    expect(MESSAGES.roundReminder({ ...base, offsetMs: 3 * 86_400_000 }).title).toBe('Nhắc góp ý: còn 3 ngày đến hạn');
    expect(MESSAGES.roundReminder({ ...base, offsetMs: 3_600_000 }).title).toBe('Nhắc góp ý: còn 1 giờ đến hạn');
    expect(MESSAGES.roundReminder({ ...base, offsetMs: 0 })).toMatchObject({ kind: 'round_overdue', title: 'Đã quá hạn góp ý: Đề án HTX' });
  });

  it('names the decision and the reason of a disposition', () => {
    const m = MESSAGES.dispositionPublished({
      planTitle: 'Đề án HTX',
      decision: 'partially_accepted',
      reason: 'Bổ sung nguồn kinh phí.',
      roundId: 'r1',
      commentId: 'c1',
      body: 'Đề nghị bổ sung kinh phí hỗ trợ hợp tác xã.',
    });
    expect(m.title).toBe('Ý kiến của đơn vị đã được xử lý: Tiếp thu một phần');
    expect(m.body).toContain('"Đề nghị bổ sung kinh phí hỗ trợ hợp tác xã."');
    expect(m.body).toContain('Lý do: Bổ sung nguồn kinh phí.');
    expect(m.path).toBe('/rounds/r1#comment-c1');
  });

  it('counts a digest of decisions by decision and lists each comment with its link', () => {
    const decided = (decision: Decision, n: number) =>
      Array.from({ length: n }, (_, i) => ({ commentId: `${decision}-${i}`, decision, reason: 'Lý do.', body: `Ý kiến ${decision} số ${i + 1}` }));
    const comments = [...decided('explained', 3), ...decided('accepted', 12)];
    const m = MESSAGES.dispositionsDecided({ planTitle: 'Đề án HTX', versionNumber: 1, roundId: 'r1', comments });
    expect(m).toMatchObject({
      kind: 'disposition_published',
      title: 'Kết quả xử lý 15 ý kiến góp ý của đơn vị: Đề án HTX',
      body: 'Cơ quan chủ trì đã tiếp thu 12, giải trình 3 ý kiến của đơn vị về Dự thảo lần 1 (Đề án HTX).',
      path: '/rounds/r1',
      subject: { type: 'round', id: 'r1' },
    });
    expect(m.items).toHaveLength(15);
    expect(m.items![0]).toEqual({ text: 'Tiếp thu: "Ý kiến accepted số 1"', path: '/rounds/r1#comment-accepted-0' });
    expect(m.items![14]).toEqual({ text: 'Giải trình: "Ý kiến explained số 3"', path: '/rounds/r1#comment-explained-2' });
    // One decision alone is said in full, as before.
    const one = MESSAGES.dispositionsDecided({ planTitle: 'Đề án HTX', versionNumber: 1, roundId: 'r1', comments: decided('not_accepted', 1) });
    expect(one).toMatchObject({ title: 'Ý kiến của đơn vị đã được xử lý: Không tiếp thu', path: '/rounds/r1#comment-not_accepted-0' });
    expect(one.items).toBeUndefined();
  });

  it('names the agencies of a digest of responses, marks the late ones and links each to its line on the tracker', () => {
    const answer = (agencyName: string, late = false, noComments = false) => ({ agencyId: `id-${agencyName}`, agencyName, late, noComments, reference: null });
    const responses = [
      answer('Sở Tài chính', true),
      answer('Sở Công Thương', false, true),
      ...Array.from({ length: 1000 }, (_, i) => answer(`Đơn vị ${i + 1}`)),
    ];
    const m = MESSAGES.responsesReceived({ planTitle: 'Đề án HTX', versionNumber: 1, roundId: 'r1', responses });
    expect(m).toMatchObject({
      kind: 'response_received',
      title: '1.002 đơn vị đã gửi văn bản góp ý: Đề án HTX',
      path: '/rounds/r1',
      subject: { type: 'round', id: 'r1' },
    });
    expect(m.body).toMatch(/^1\.002 đơn vị đã gửi ý kiến về Dự thảo lần 1 \(Đề án HTX\): Sở Tài chính \(muộn\), Sở Công Thương, Đơn vị 1, /);
    expect(m.items![0]).toEqual({ text: 'Sở Tài chính (muộn): đã gửi ý kiến góp ý', path: '/rounds/r1/tracker#agency-id-Sở Tài chính' });
    expect(m.items![1].text).toBe('Sở Công Thương: thống nhất, không có ý kiến');
    // One response alone is said as before.
    const one = MESSAGES.responsesReceived({ planTitle: 'Đề án HTX', versionNumber: 1, roundId: 'r1', responses: [{ ...responses[0], reference: '12/STC' }] });
    expect(one).toMatchObject({
      title: 'Sở Tài chính đã gửi văn bản góp ý (muộn)',
      body: 'Sở Tài chính đã gửi ý kiến góp ý về Đề án HTX (văn bản số 12/STC).',
    });
    expect(one.items).toBeUndefined();
  });

  it('counts the directives of one conference, each with its due date the Vietnamese way and its page', () => {
    const directives = [
      { directiveId: 'd1', task: 'Thành lập 30 HTX', dueDate: '2022-12-31' },
      { directiveId: 'd2', task: 'Xây dựng 5 HTX điểm', dueDate: '2022-09-30' },
    ];
    const m = MESSAGES.directivesAssigned({ conferenceTitle: 'Hội nghị góp ý Đề án HTX', conferenceId: 'c1', directives });
    expect(m).toEqual({
      kind: 'directive_assigned',
      title: '2 nhiệm vụ được giao: Hội nghị góp ý Đề án HTX',
      body: 'Hội nghị góp ý Đề án HTX giao 2 nhiệm vụ cho đơn vị: Thành lập 30 HTX (thời hạn: 31/12/2022); Xây dựng 5 HTX điểm (thời hạn: 30/09/2022).',
      path: '/directives',
      subject: { type: 'conference', id: 'c1' },
      items: [
        { text: 'Thành lập 30 HTX (thời hạn: 31/12/2022)', path: '/directives/d1' },
        { text: 'Xây dựng 5 HTX điểm (thời hạn: 30/09/2022)', path: '/directives/d2' },
      ],
    });
    const one = MESSAGES.directivesAssigned({ conferenceTitle: 'Hội nghị', conferenceId: 'c1', directives: directives.slice(1) });
    expect(one).toMatchObject({ title: 'Nhiệm vụ được giao: Xây dựng 5 HTX điểm', path: '/directives/d2', subject: { type: 'directive', id: 'd2' } });
  });

  it('marks a late response and a directive that is overdue', () => {
    expect(
      MESSAGES.responseReceived({ planTitle: 'P', agencyName: 'Sở Tài chính', noComments: true, late: true, reference: '12/STC', roundId: 'r' }).title,
    ).toBe('Sở Tài chính đã gửi văn bản góp ý (muộn)');
    expect(MESSAGES.directiveReminder({ task: 'Thành lập 30 HTX', dueDate: '2022-12-31', directiveId: 'd', offsetMs: 0 })).toMatchObject({
      kind: 'directive_overdue',
      body: expect.stringContaining('31/12/2022'),
    });
  });

  it('cuts long text at a word', () => {
    expect(excerpt('một hai ba bốn năm', 9)).toBe('một hai…');
    expect(excerpt('ngắn')).toBe('ngắn');
  });
});
