import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { UsersService } from './users.service';

/**
 * At start, ADMIN_EMAIL / ADMIN_PASSWORD become an administrator when no user has that e-mail:
 * also when other administrators exist, such as the demo's, which main.ts may load first.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdmin.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    const outcome = await this.users.ensureFirstAdmin(adminEmail, adminPassword);
    if (outcome === 'created') this.logger.log(`Created the administrator ${adminEmail} (ADMIN_EMAIL)`);
    if (outcome === 'exists_not_admin') this.logger.warn(`ADMIN_EMAIL ${adminEmail} belongs to a user who is not an administrator; it was left as it is`);
  }
}
