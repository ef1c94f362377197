import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Where global set-up leaves the server for the test files (env is inherited by Jest workers). */
export const ADMIN_URL_ENV = 'SHORTSTOP_TEST_ADMIN_URL';
export const TEMPLATE_ENV = 'SHORTSTOP_TEST_TEMPLATE';

export const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export const tempDir = (prefix: string) => path.join(os.tmpdir(), uniqueName(prefix));

export { freePort } from '../../src/shared/net';
