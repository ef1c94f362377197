import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import { systemActor, type ActingOrganization } from './caller';
import { createContext, type AuthedContext, type ServiceRegistry } from './context';
import { inTransaction } from './transaction';

/**
 * Runs fn as ShortStop acting for an organization (a job step, a script, a
 * benchmark), in one transaction of its own, with the organization's scope.
 */
export function asSystem<T>(
  base: { em: EntityManager; services: ServiceRegistry; log: Logger },
  organization: ActingOrganization,
  purpose: string,
  fn: (ctx: AuthedContext) => Promise<T>,
): Promise<T> {
  return inTransaction(createContext(base, systemActor(organization, purpose)) as AuthedContext, fn);
}
