import 'reflect-metadata';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

export type Orm = MikroORM;

export interface OrmOptions {
  /** Called with every SQL statement the ORM sends; used by tests and benchmarks to count statements. */
  onQuery?: (sql: string) => void;
  poolMax?: number;
}

export function ormConfig(databaseUrl: string, options: OrmOptions = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      path: 'migrations',
      pathTs: 'migrations',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    forceUtcTimezone: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
    colors: false,
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery ?? (() => undefined),
    // The schema is designed for clients; entities are never serialized to them directly.
    allowGlobalContext: false,
  });
}

export async function initOrm(databaseUrl: string, options: OrmOptions = {}): Promise<Orm> {
  return MikroORM.init(ormConfig(databaseUrl, options));
}

/** Applies pending migrations; returns the names it ran. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
