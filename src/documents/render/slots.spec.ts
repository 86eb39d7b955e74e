import { Slots } from './slots';

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
