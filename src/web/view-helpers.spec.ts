import { timeLeft, VIEW_HELPERS } from './view-helpers';

const opts = (lang: 'vi' | 'en', now?: string) => ({ data: { root: { lang, now } }, hash: {} });

describe('page helpers', () => {
  it('says the text in the reader’s language', () => {
    expect(VIEW_HELPERS.t('Đăng nhập', 'Sign in', opts('vi'))).toBe('Đăng nhập');
    expect(VIEW_HELPERS.t('Đăng nhập', 'Sign in', opts('en'))).toBe('Sign in');
  });

  it('counts the time left to a deadline from the page’s clock', () => {
    const deadline = '2022-05-31T10:00:00Z';
    expect(VIEW_HELPERS.timeLeft(deadline, opts('vi', '2022-05-28T09:00:00Z'))).toBe('còn 3 ngày');
    expect(VIEW_HELPERS.timeLeft(deadline, opts('vi', '2022-05-31T06:30:00Z'))).toBe('còn 3 giờ');
    expect(VIEW_HELPERS.timeLeft(deadline, opts('vi', '2022-06-02T11:00:00Z'))).toBe('quá hạn 2 ngày');
    expect(timeLeft(new Date(deadline), new Date('2022-05-31T09:40:00Z'), 'en')).toBe('under an hour left');
  });

  it('names statuses and decisions as people say them', () => {
    expect(VIEW_HELPERS.planStatus('consolidating', opts('vi'))).toBe('Đang tổng hợp, tiếp thu');
    expect(VIEW_HELPERS.decision('partially_accepted', opts('vi'))).toBe('Tiếp thu một phần');
    expect(VIEW_HELPERS.decision(null, opts('en'))).toBe('Undecided');
    expect(VIEW_HELPERS.agencyState('no_comments', opts('vi'))).toBe('Thống nhất');
    expect(VIEW_HELPERS.date('2022-06-08T01:00:00Z')).toBe('08/06/2022');
  });
});
