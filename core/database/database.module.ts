import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, type DatabaseTimeouts } from './data-source-options';

/** The TypeORM connection. The API passes deadlines (a caller waits); the worker's activities retry instead. */
@Module({})
export class DatabaseModule {
  static forRoot(timeouts?: DatabaseTimeouts): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.databaseUrl) throw new Error('DATABASE_URL is not set');
            return dataSourceOptions(config.databaseUrl, timeouts);
          },
        }),
      ],
    };
  }
}
