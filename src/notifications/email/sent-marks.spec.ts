import { MARK_WINDOW_MS, MARKS_PER_STATEMENT, SentMarks } from './sent-marks';

/** A database whose statements finish when the test says so. */
function slowDb() {
  const statements: { ids: string[]; finish: (err?: Error) => void }[] = [];
  const db = {
    query: (_sql: string, params: unknown[]) =>
      new Promise<unknown>((resolve, reject) => {
        statements.push({ ids: params[0] as string[], finish: (err) => (err ? reject(err) : resolve([])) });
      }),
  };
  return { db, statements, ids: () => statements.map((s) => s.ids) };
}

const at = new Date('2026-12-03T10:00:00Z');

describe('SentMarks', () => {
  beforeEach(() => jest.useFakeTimers({ now: at }));
  afterEach(() => jest.useRealTimers());

  it('waits the window for the marks that come meanwhile and writes them in one statement', async () => {
    const { db, statements, ids } = slowDb();
    const marks = new SentMarks(db);
    const done: string[] = [];
    const mark = (id: string) => marks.mark(id, at).then(() => done.push(id));
    const all = [mark('a')];
    await jest.advanceTimersByTimeAsync(MARK_WINDOW_MS / 2);
    all.push(mark('b'), mark('c'));
    expect(statements).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(MARK_WINDOW_MS / 2);
    expect(ids()).toEqual([['a', 'b', 'c']]);
    expect(done).toEqual([]);
    statements[0].finish();
    await Promise.all(all);
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('writes at once when a statement’s worth is waiting, without waiting out the window', async () => {
    const { db, ids } = slowDb();
    const marks = new SentMarks(db);
    const many = Array.from({ length: MARKS_PER_STATEMENT + 1 }, (_, i) => `m${i}`);
    for (const id of many) void marks.mark(id, at);
    expect(ids()).toEqual([many.slice(0, MARKS_PER_STATEMENT)]);
  });

  it('holds the marks that come while a statement runs for it, then for what is left of their window', async () => {
    const { db, statements, ids } = slowDb();
    const marks = new SentMarks(db);
    void marks.mark('a', at);
    await jest.advanceTimersByTimeAsync(MARK_WINDOW_MS);
    expect(ids()).toEqual([['a']]);
    // b comes while a's statement runs, which outlasts b's window: b goes as soon as it ends.
    await jest.advanceTimersByTimeAsync(2);
    void marks.mark('b', at);
    await jest.advanceTimersByTimeAsync(3 * MARK_WINDOW_MS);
    expect(statements).toHaveLength(1);
    statements[0].finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(ids()).toEqual([['a'], ['b']]);
    statements[1].finish();
    // Idle again: the next mark waits its whole window.
    await jest.advanceTimersByTimeAsync(0);
    void marks.mark('c', at);
    await jest.advanceTimersByTimeAsync(MARK_WINDOW_MS - 1);
    expect(statements).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(ids()).toEqual([['a'], ['b'], ['c']]);
  });

  it('fails the marks of a statement that failed, and only those', async () => {
    const { db, statements } = slowDb();
    const marks = new SentMarks(db);
    const a = marks.mark('a', at);
    await jest.advanceTimersByTimeAsync(MARK_WINDOW_MS);
    const b = marks.mark('b', at);
    statements[0].finish(new Error('connection lost'));
    await expect(a).rejects.toThrow('connection lost');
    await jest.advanceTimersByTimeAsync(MARK_WINDOW_MS);
    statements[1].finish();
    await expect(b).resolves.toBeUndefined();
  });
});
