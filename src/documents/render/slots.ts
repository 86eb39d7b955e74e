interface Waiter {
  cost: number;
  /** Cost of the renders let in ahead of this one since it arrived. */
  passedBy: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * At most `size` holders at once, whose costs (a render's estimated pages) add up to at most
 * `budget`. One cost counts for at most nine tenths of the budget, so that whatever big document
 * is rendering, a tenth stays for small ones beside it. Waiters go in order of arrival, except that
 * one that fits may pass one that does not fit yet, until the passed one has seen a whole budget's
 * worth go ahead of it: then nobody passes it any more, so a big render waits its turn but gets it.
 */
export class Slots {
  private free: number;
  private budgetFree: number;
  private readonly queue: Waiter[] = [];

  constructor(
    size: number,
    private readonly budget = Number.POSITIVE_INFINITY,
  ) {
    this.free = size;
    this.budgetFree = budget;
  }

  get waiting(): number {
    return this.queue.length;
  }

  acquire(cost = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ cost: this.clamp(cost), passedBy: 0, resolve, reject });
      this.pump();
    });
  }

  /** Gives back what `acquire(cost)` took. */
  release(cost = 0): void {
    this.free += 1;
    this.budgetFree += this.clamp(cost);
    this.pump();
  }

  refuseWaiting(err: Error): void {
    for (const w of this.queue.splice(0)) w.reject(err);
  }

  private clamp(cost: number): number {
    return Math.min(Math.max(0, cost), this.budget * 0.9);
  }

  private pump(): void {
    let i = 0;
    while (i < this.queue.length && this.free > 0) {
      const w = this.queue[i];
      if (w.cost > this.budgetFree) {
        if (w.passedBy >= this.budget) return;
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      for (let j = 0; j < i; j++) this.queue[j].passedBy += Math.max(w.cost, 1);
      this.free -= 1;
      this.budgetFree -= w.cost;
      w.resolve();
    }
  }
}
