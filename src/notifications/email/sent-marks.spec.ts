import { SentMarks } from './sent-marks';

/** A database whose statements finish when the test says so. */
function slowDb() {
  const statements: { ids: string[]; finish: (err?: Error) => void }[] = [];
  const db = {
    query: (_sql: string, params: unknown[]) =>
      new Promise<unknown>((resolve, reject) => {
        statements.push({ ids: params[0] as string[], finish: (err) => (err ? reject(err) : resolve([])) });
      }),
  };
  return { db, statements };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SentMarks', () => {
  it('writes the first mark at once and the ones that come meanwhile together in the next statement', async () => {
    const { db, statements } = slowDb();
    const marks = new SentMarks(db);
    const done: string[] = [];
    const at = new Date('2026-12-02T10:00:00Z');
    const mark = (id: string) => marks.mark(id, at).then(() => done.push(id));
    const first = mark('a');
    expect(statements.map((s) => s.ids)).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map(mark);
    await tick();
    expect(statements).toHaveLength(1);
    statements[0].finish();
    await first;
    expect(done).toEqual(['a']);
    await tick();
    expect(statements.map((s) => s.ids)).toEqual([['a'], ['b', 'c', 'd']]);
    statements[1].finish();
    await Promise.all(rest);
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    // Idle again: the next mark is written at once.
    void mark('e');
    expect(statements.map((s) => s.ids)).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
  });

  it('fails the marks of a statement that failed, and only those', async () => {
    const { db, statements } = slowDb();
    const marks = new SentMarks(db);
    const at = new Date();
    const a = marks.mark('a', at);
    const b = marks.mark('b', at);
    statements[0].finish(new Error('connection lost'));
    await expect(a).rejects.toThrow('connection lost');
    await tick();
    statements[1].finish();
    await expect(b).resolves.toBeUndefined();
  });
});
