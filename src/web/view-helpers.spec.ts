import Handlebars from 'handlebars';
import { sizeText } from '../common/format/byte-size';
import { fieldId, plainText, timeLeft, VIEW_HELPERS, withoutMarks } from './view-helpers';

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

  it('names statuses and decisions as people say them, in one colour vocabulary for every role', () => {
    expect(VIEW_HELPERS.planStatus('consolidating', opts('vi'))).toBe('Đang tổng hợp, tiếp thu');
    expect(VIEW_HELPERS.decision('partially_accepted', opts('vi'))).toBe('Tiếp thu một phần');
    expect(VIEW_HELPERS.decision(null, opts('en'))).toBe('Undecided');
    expect(String(VIEW_HELPERS.status('agency', 'no_comments', opts('vi')))).toBe('<span class="badge badge--info">Thống nhất</span>');
    expect(String(VIEW_HELPERS.status('decision', 'explained', opts('vi')))).toBe('<span class="badge badge--info">Giải trình</span>');
    expect(String(VIEW_HELPERS.status('decision', null, opts('vi')))).toBe('<span class="badge badge--alert">Chưa xử lý</span>');
    expect(VIEW_HELPERS.date('2022-06-08T01:00:00Z')).toBe('08/06/2022');
  });

  it('renders section text with the documents’ Markdown, and shows it without marks where it cannot be rendered', () => {
    expect(String(VIEW_HELPERS.markdown('**Tồn tại, hạn chế:** ít <b>vốn</b>'))).toBe('<p><strong>Tồn tại, hạn chế:</strong> ít &lt;b&gt;vốn&lt;/b&gt;</p>\n');
    expect(plainText('**Tồn tại:** ít vốn\n\n| Năm | Số HTX |\n| --- | ---: |\n| 2022 | 633 |')).toBe('Tồn tại: ít vốn\nNăm\tSố HTX\n2022\t633');
    expect(withoutMarks('a **đậm** và *nghiêng*\n| --- | --- |\n| 1 | 2 |')).toBe('a đậm và nghiêng\n\n  1  2  ');
    expect(VIEW_HELPERS.excerpt('**Đậm** và thường', 8, { ...opts('vi'), hash: { markdown: true } })).toBe('Đậm và t…');
    // A table scrolls in its own box, so that a phone scrolls the table and not the page.
    const table = String(VIEW_HELPERS.markdown('| Năm | Số HTX |\n| --- | ---: |\n| 2022 | 633 |', opts('vi')));
    expect(table.startsWith('<div class="table-scroll" role="region" tabindex="0" aria-label="Bảng"><table>')).toBe(true);
    expect(table.trimEnd().endsWith('</table></div>')).toBe(true);
    expect(String(VIEW_HELPERS.markdown('| a |\n| - |\n| 1 |', opts('en')))).toContain('aria-label="Table"');
  });

  it('writes every form with the session’s CSRF token, escaping what it is given', () => {
    const hb = Handlebars.create();
    hb.registerHelper(VIEW_HELPERS);
    const html = hb.compile('{{#post action class="x" confirm=c}}<button>ok</button>{{/post}}')({ action: '/a?b="c"', c: 'Xóa "mục"?', csrf: 't<k>' });
    expect(html).toBe(
      '<form method="post" action="/a?b&#x3D;&quot;c&quot;" data-confirm="Xóa &quot;mục&quot;?" class="x"><input type="hidden" name="_csrf" value="t&lt;k&gt;"><button>ok</button></form>',
    );
  });

  it('shows every number the Vietnamese way: counts, values and sizes', () => {
    const page = (html: string, ctx: object, lang = 'vi') => {
      const hb = Handlebars.create();
      hb.registerHelper(VIEW_HELPERS);
      return hb.compile(html)(ctx, { data: { root: { lang } } } as never);
    };
    expect(page('{{num n}}', { n: 1_500_000 })).toBe('1.500.000');
    expect(page('{{num n}}', { n: 12.5 })).toBe('12,5');
    expect(page('{{num n}}', { n: 12.5 }, 'en')).toBe('12.5');
    expect(page('{{num n}}', { n: null })).toBe('');
    expect(sizeText(1_310_720)).toBe('1,3 MB');
    expect(sizeText(1_000 * 1024)).toBe('1.000 KB');
    expect(sizeText(1_310_720, 'en')).toBe('1.3 MB');
  });

  it('names a field’s control and label from its DTO path', () => {
    expect(fieldId('opinions[1].content')).toBe('opinions-1-content');
    expect(fieldId('note', 'freeze-')).toBe('freeze-note');
    const root = {
      data: { root: { lang: 'vi' as const, labels: { 'opinions.content': { vi: 'Nội dung', en: 'Content' }, title: { vi: 'Tên', en: 'Title' } } } },
      hash: {},
    };
    expect(VIEW_HELPERS.fieldLabel('opinions[1].content', root)).toBe('Nội dung (dòng 2)');
    expect(VIEW_HELPERS.fieldLabel('title', root)).toBe('Tên');
    // A field the page has no label for is named from the one dictionary, never by its key.
    expect(VIEW_HELPERS.fieldLabel('reason', root)).toBe('Lý do');
    expect(VIEW_HELPERS.fieldLabel('deadline', root)).toBe('Hạn góp ý');
  });
});
