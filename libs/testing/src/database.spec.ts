import { dropTestDatabase } from './database';

describe('dropTestDatabase', () => {
  it('refuses to drop a database without the test prefix', async () => {
    // Port 1: were the guard gone, this spec must fail on connecting, not drop anything.
    await expect(dropTestDatabase({ serverUrl: 'postgres://postgres@127.0.0.1:1', database: 'intercity_membership' })).rejects.toThrow(
      'refusing to drop "intercity_membership": not a test database',
    );
  });
});
