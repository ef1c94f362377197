import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { ServiceRegistry } from './context';

/** What a periodic task gets: the ORM (each task forks its own EntityManagers), the services and a logger. */
export interface JobDeps {
  orm: MikroORM;
  services: ServiceRegistry;
  log: Logger;
}

/**
 * A task of the once-a-day run, owned by the module whose tables it touches
 * (risk recomputes, alerts prunes its stream, tenancy prunes sessions).
 * Returns figures for the log line.
 */
export interface DailyTask {
  name: string;
  run(deps: JobDeps): Promise<Record<string, number>>;
}
