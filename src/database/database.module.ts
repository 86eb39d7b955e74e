import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, SystemClock } from '../common/clock';
import { dataSourceOptions, migrate } from './data-source';
import { UnitOfWork } from './unit-of-work';

/**
 * The connection pool (migrations applied before anything else runs), the unit of work and the
 * clock, for every module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            const applied = await migrate(dataSource);
            if (applied.length) new Logger('Migrations').log(`Applied ${applied.join(', ')}`);
            return dataSource;
          },
        }),
      ],
      providers: [UnitOfWork, { provide: Clock, useClass: SystemClock }],
      exports: [UnitOfWork, Clock],
    };
  }
}
