import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSdl } from '../schema';

/** Writes schema/schema.graphql from the resolvers (the test suite fails when it is stale). */
printSdl()
  .then((sdl) => {
    const file = path.resolve(__dirname, '../../../schema/schema.graphql');
    writeFileSync(file, sdl);
    process.stdout.write(`Wrote ${file}\n`);
  })
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
