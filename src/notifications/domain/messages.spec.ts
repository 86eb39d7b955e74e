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
