import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Where global set-up leaves the server for the test files (env is inherited by Jest workers). */
export const ADMIN_URL_ENV = 'SHORTSTOP_TEST_ADMIN_URL';
export const TEMPLATE_ENV = 'SHORTSTOP_TEST_TEMPLATE';

export const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export const tempDir = (prefix: string) => path.join(os.tmpdir(), uniqueName(prefix));

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
