import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

type Up = 'up' | 'down';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@Injectable()
export class HealthService implements OnApplicationShutdown {
  // Its own connection, failing fast: a health check must answer even while Redis is away.
  private readonly redisClient: Redis;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.redisClient = new Redis(config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      disconnectTimeout: 100,
      retryStrategy: () => 1000,
    });
    this.redisClient.on('error', () => undefined);
  }

  async database(): Promise<Up> {
    try {
      await within(2000, this.db.query('SELECT 1'));
      return 'up';
    } catch {
      return 'down';
    }
  }

  async redis(): Promise<Up> {
    try {
      if (this.redisClient.status === 'wait') await within(2000, this.redisClient.connect());
      return (await within(2000, this.redisClient.ping())) === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redisClient.disconnect();
  }
}
