import { boardQueryOf, boardUrl, GENERAL_SECTION } from './board-query';

describe('the board page filters', () => {
  it('reads nothing as no filter', async () => {
    expect(await boardQueryOf({}, 'vi')).toEqual({ typed: { agencyId: '', section: '', state: '', q: '' }, filter: {}, kept: {}, problem: null });
  });

  it('takes the GET form as the API takes its query, and keeps only what is set', async () => {
    const agencyId = '0b6f3c2e-8f4a-4d2b-9a51-3c7e2f1d9a10';
    const q = await boardQueryOf({ agencyId, section: 's-1a2b', state: 'explained', q: 'kinh phí' }, 'vi');
    expect(q.filter).toEqual({ agencyId, sectionKey: 's-1a2b', state: 'explained', q: 'kinh phí' });
    expect(q.kept).toEqual({ agencyId, section: 's-1a2b', state: 'explained', q: 'kinh phí' });
    expect((await boardQueryOf({ agencyId: '', section: '', state: '', q: '   ' }, 'vi')).kept).toEqual({});
  });

  it('reads ~general as the general comments, which no section key can be', async () => {
    const q = await boardQueryOf({ section: GENERAL_SECTION }, 'vi');
    expect(q.filter).toEqual({ general: true });
    expect(q.kept).toEqual({ section: GENERAL_SECTION });
  });

  it('reads ?only=undecided as the undecided state, and writes it back so', async () => {
    const q = await boardQueryOf({ only: 'undecided' }, 'vi');
    expect(q.filter).toEqual({ state: 'undecided' });
    expect(q.typed.state).toBe('undecided');
    expect(q.kept).toEqual({ only: 'undecided' });
    // A state chosen in the form wins over the old address.
    expect((await boardQueryOf({ only: 'undecided', state: 'accepted' }, 'vi')).filter).toEqual({ state: 'accepted' });
  });

  it('refuses what the API refuses, by field, and filters nothing then', async () => {
    const q = await boardQueryOf({ agencyId: 'x', section: 'mục 1', state: 'maybe' }, 'en');
    expect(q.filter).toEqual({});
    expect(Object.keys(q.problem!.errors).sort()).toEqual(['agencyId', 'section', 'state']);
    expect(q.problem!.errors.section).toBe('is not a section key');
  });

  it('writes the board address with the filters, the page and the comment to scroll to', () => {
    expect(boardUrl('r1', {})).toBe('/rounds/r1/board');
    expect(boardUrl('r1', { only: 'undecided' }, 50, 'c-9')).toBe('/rounds/r1/board?only=undecided&offset=50#c-9');
    expect(boardUrl('r1', { section: GENERAL_SECTION, q: 'hợp tác' })).toBe('/rounds/r1/board?section=%7Egeneral&q=h%E1%BB%A3p+t%C3%A1c');
  });
});
