import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124233949_foundation } from './Migration20261124233949_foundation';

/** Every migration in order; listed explicitly so the same list runs from TypeScript (tests) and from dist/. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261124233949_foundation', class: Migration20261124233949_foundation },
];
