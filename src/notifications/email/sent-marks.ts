/** How long a mark waits for others to share its statement (ms). */
export const MARK_WINDOW_MS = 10;
/** The most marks in one statement; as many waiting are written without waiting out the window. */
export const MARKS_PER_STATEMENT = 500;

interface Mark {
  id: string;
  at: Date;
  /** When it was asked for (Date.now()), to bound its wait. */
  since: number;
  done: (err?: unknown) => void;
}

/**
 * Marks e-mail rows sent as the relay accepts them, many rows to a statement: a mark waits up to
 * MARK_WINDOW_MS for others (the pool accepts one every millisecond or so), and the ones that come
 * while a statement runs go together in the next. A mark resolves once its row is written, so a job
 * completes only after all its rows are marked. Marking at once gave a statement (and a commit) for
 * every acceptance or two, 190–350 for 500 e-mails; the window makes it 50–80. Its price: a worker
 * killed within it sends those few e-mails again on the job's retry, with the same Message-ID.
 */
export class SentMarks {
  private waiting: Mark[] = [];
  private writing = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: { query(sql: string, params: unknown[]): Promise<unknown> }) {}

  mark(id: string, at: Date): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ id, at, since: Date.now(), done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.schedule();
    });
  }

  /** The next statement: now when enough are waiting, else when the oldest has waited its window. */
  private schedule(): void {
    if (this.writing || this.waiting.length === 0) return;
    if (this.waiting.length >= MARKS_PER_STATEMENT) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.write();
      return;
    }
    this.timer ??= setTimeout(
      () => {
        this.timer = null;
        void this.write();
      },
      Math.max(0, this.waiting[0].since + MARK_WINDOW_MS - Date.now()),
    );
  }

  private async write(): Promise<void> {
    this.writing = true;
    const marks = this.waiting.splice(0, MARKS_PER_STATEMENT);
    try {
      await this.db.query(
        `UPDATE emails e SET status = 'sent', attempts = e.attempts + 1, sent_at = x.at, last_error = NULL
         FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, at) WHERE e.id = x.id`,
        [marks.map((m) => m.id), marks.map((m) => m.at)],
      );
      for (const m of marks) m.done();
    } catch (err) {
      for (const m of marks) m.done(err ?? new Error('marking e-mails sent failed'));
    } finally {
      this.writing = false;
      this.schedule();
    }
  }
}
