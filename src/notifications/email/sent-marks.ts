interface Mark {
  id: string;
  at: Date;
  done: (err?: unknown) => void;
}

/**
 * Marks e-mail rows sent as the relay accepts them, many rows to a statement: the first mark is
 * written at once, and the ones that come while that UPDATE runs go together in the next. A mark
 * resolves once its row is written, so a job completes only after all its rows are marked; an
 * accepted e-mail waits for its mark no longer than the statement before it (what one UPDATE per
 * e-mail waited, under load, in the pool's queue).
 */
export class SentMarks {
  private waiting: Mark[] = [];
  private writing = false;

  constructor(private readonly db: { query(sql: string, params: unknown[]): Promise<unknown> }) {}

  mark(id: string, at: Date): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ id, at, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) {
        const marks = this.waiting;
        this.waiting = [];
        try {
          await this.db.query(
            `UPDATE emails e SET status = 'sent', attempts = e.attempts + 1, sent_at = x.at, last_error = NULL
             FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, at) WHERE e.id = x.id`,
            [marks.map((m) => m.id), marks.map((m) => m.at)],
          );
          for (const m of marks) m.done();
        } catch (err) {
          for (const m of marks) m.done(err ?? new Error('marking e-mails sent failed'));
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
