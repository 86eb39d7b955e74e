import { Slots } from './slots';

/** Lets every promise callback that is ready run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('slots', () => {
  it('lets at most `size` holders in, the others in order of arrival', async () => {
    const slots = new Slots(2);
    const order: number[] = [];
    await slots.acquire();
    await slots.acquire();
    const waiting = [3, 4, 5].map((n) => slots.acquire().then(() => order.push(n)));
    expect(slots.waiting).toBe(3);
    slots.release();
    await Promise.resolve();
    expect(order).toEqual([3]);
    slots.release();
    slots.release();
    await Promise.all(waiting);
    expect(order).toEqual([3, 4, 5]);
    expect(slots.waiting).toBe(0);
  });

  it('refuses those still waiting', async () => {
    const slots = new Slots(1);
    await slots.acquire();
    const waiting = slots.acquire();
    slots.refuseWaiting(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
  });
});

describe('slots with a budget of pages', () => {
  /** Holders that record when they are let in, and hold until told to go. */
  function harness(slots: Slots) {
    const log: string[] = [];
    const running = new Map<string, number>();
    let maxCost = 0;
    let inUse = 0;
    const start = (name: string, cost: number) => {
      void slots.acquire(cost).then(() => {
        log.push(name);
        running.set(name, cost);
        inUse += Math.min(cost, 90);
        maxCost = Math.max(maxCost, inUse);
      });
    };
    const finish = async (name: string) => {
      const cost = running.get(name)!;
      running.delete(name);
      inUse -= Math.min(cost, 90);
      slots.release(cost);
      await settle();
    };
    return { log, running, start, finish, peak: () => maxCost };
  }

  it('renders big documents one after another while small ones pass beside them', async () => {
    const slots = new Slots(4, 100);
    const h = harness(slots);
    for (const name of ['big1', 'big2', 'big3']) h.start(name, 80);
    for (const name of ['small1', 'small2', 'small3']) h.start(name, 5);
    await settle();
    expect(h.log).toEqual(['big1', 'small1', 'small2', 'small3']);
    await h.finish('small1');
    await h.finish('big1');
    expect(h.log.slice(4)).toEqual(['big2']);
    expect([...h.running.keys()].filter((n) => n.startsWith('big'))).toEqual(['big2']);
    await h.finish('small2');
    await h.finish('small3');
    await h.finish('big2');
    expect(h.log.slice(5)).toEqual(['big3']);
    expect(h.peak()).toBeLessThanOrEqual(100);
  });

  it('runs a document larger than the budget alone among big ones, with room left for small ones', async () => {
    const slots = new Slots(4, 100);
    const h = harness(slots);
    h.start('huge', 5000);
    h.start('big', 50);
    h.start('small', 10);
    await settle();
    expect(h.log).toEqual(['huge', 'small']);
    await h.finish('huge');
    expect(h.log).toEqual(['huge', 'small', 'big']);
  });

  it('stops letting small ones pass a waiting big one once a budget of them went ahead', async () => {
    const slots = new Slots(10, 100);
    const h = harness(slots);
    h.start('big1', 80);
    h.start('big2', 80);
    await settle();
    // Small renders one at a time beside big1, each done before the next comes: ten of 10 pages pass big2.
    for (let i = 1; i <= 10; i++) {
      h.start(`small${i}`, 10);
      await settle();
      expect(h.running.has(`small${i}`)).toBe(true);
      await h.finish(`small${i}`);
    }
    // A budget's worth went ahead of big2: the next small one waits behind it, though it would fit.
    h.start('small11', 10);
    await settle();
    expect(h.running.has('small11')).toBe(false);
    await h.finish('big1');
    expect(h.log.slice(-2)).toEqual(['big2', 'small11']);
  });

  it('keeps the order of arrival among those that fit', async () => {
    const slots = new Slots(1, 100);
    const h = harness(slots);
    h.start('a', 10);
    h.start('b', 60);
    h.start('c', 10);
    await settle();
    expect(h.log).toEqual(['a']);
    await h.finish('a');
    expect(h.log).toEqual(['a', 'b']);
    await h.finish('b');
    expect(h.log).toEqual(['a', 'b', 'c']);
  });
});
