/** A counting semaphore with a FIFO queue: at most `size` holders, the rest wait in order. */
export class Slots {
  private free: number;
  private readonly queue: { resolve: () => void; reject: (err: Error) => void }[] = [];

  constructor(size: number) {
    this.free = size;
  }

  get waiting(): number {
    return this.queue.length;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.queue.push({ resolve, reject }));
  }

  release(): void {
    const next = this.queue.shift();
    if (next) next.resolve();
    else this.free += 1;
  }

  refuseWaiting(err: Error): void {
    for (const w of this.queue.splice(0)) w.reject(err);
  }
}
