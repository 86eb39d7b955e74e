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
    });
    expect(m.title).toBe('Ý kiến của đơn vị đã được xử lý: Tiếp thu một phần');
    expect(m.body).toContain('Lý do: Bổ sung nguồn kinh phí.');
    expect(m.path).toBe('/rounds/r1#comment-c1');
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
