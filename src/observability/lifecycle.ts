import { Injectable } from '@nestjs/common';

/** Whether this process is stopping: readiness turns 503 so a load balancer sends no new work. */
@Injectable()
export class Lifecycle {
  private stopping = false;

  get shuttingDown(): boolean {
    return this.stopping;
  }

  beginShutdown(): void {
    this.stopping = true;
  }
}
