import { QUEUE_JOBS } from './queues';
import { QueueProcessor, WorkerRunner } from './worker-runner';

describe('WorkerRunner.check', () => {
  const full: QueueProcessor[] = Object.entries(QUEUE_JOBS).map(([queue, jobs]) => ({
    queue: queue as QueueProcessor['queue'],
    handlers: Object.fromEntries(jobs.map((j) => [j, async () => undefined])),
  }));

  it('accepts processors that handle every job', () => {
    expect(() => WorkerRunner.check(full)).not.toThrow();
  });

  it('refuses to start when a job has no handler', () => {
    const broken = full.map((p) => (p.queue === 'notifications' ? { ...p, handlers: { 'dispatch-event': p.handlers['dispatch-event'] } } : p));
    expect(() => WorkerRunner.check(broken)).toThrow(/notifications.*send-email.*refusing/);
  });

  it('refuses to start when a queue has no processor', () => {
    expect(() => WorkerRunner.check(full.filter((p) => p.queue !== 'reminders'))).toThrow(/reminders/);
  });
});
