import type { AppConfig } from '../config/app-config';
import type { AuditSealer } from './audit-sealer';
import { AuditSealerLoop } from './audit-sealer-loop';

describe('AuditSealerLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks only whether an entry waits while none does, and seals as soon as one does', async () => {
    let waiting = false;
    const sealer = { anyWaiting: jest.fn(async () => waiting), sealAll: jest.fn(async () => 1) };
    const loop = new AuditSealerLoop(sealer as unknown as AuditSealer, { auditSealPollMs: 200 } as AppConfig);
    loop.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1000);
    expect(sealer.anyWaiting).toHaveBeenCalledTimes(5);
    expect(sealer.sealAll).not.toHaveBeenCalled();
    waiting = true;
    await jest.advanceTimersByTimeAsync(200);
    expect(sealer.sealAll).toHaveBeenCalledTimes(1);
    await loop.beforeApplicationShutdown();
  });
});
