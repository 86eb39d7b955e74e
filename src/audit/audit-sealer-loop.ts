import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AuditSealer } from './audit-sealer';

/**
 * In the workers: seals every AUDIT_SEAL_POLL_MS; any number may run, the advisory lock lets one seal
 * at a time. A tick with no entry waiting costs one statement (an idle worker sent ~40 a second).
 */
@Injectable()
export class AuditSealerLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditSealerLoop.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly sealer: AuditSealer,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.auditSealPollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sealer
      .anyWaiting()
      .then((waiting) => (waiting ? this.sealer.sealAll() : 0))
      .catch((err) => this.logger.error(`Sealing the audit log failed: ${(err as Error).message}`))
      .finally(() => (this.running = null));
  }
}
