import { initOrm } from '../../src/db/orm';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('leaves nothing for the entities to add: every schema change has its migration', async () => {
  // As the owner: the application role may not see system tables (login_throttle) nor compare constraints.
  const owner = await initOrm(server.databaseUrl, { actAsAppRole: false, poolMax: 1 });
  try {
    const diff = await owner.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  } finally {
    await owner.close();
  }
});
