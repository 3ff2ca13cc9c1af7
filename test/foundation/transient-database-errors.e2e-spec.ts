import { Client } from 'pg';
import { isTransientDatabaseError } from '../../src/common/database/transient-error';
import { TEST_DATABASE_URL } from '../support/test-env';

/** Errors PostgreSQL really raises: a connection cut by the server is worth a retry, a wrong query never is. */
describe('isTransientDatabaseError', () => {
  async function errorOf(sql: string): Promise<unknown> {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query(sql);
      return null;
    } catch (error) {
      return error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  it('takes a connection terminated by the server (as in a restart) for transient', async () => {
    const error = await errorOf('SELECT pg_terminate_backend(pg_backend_pid())');
    expect(error).toBeInstanceOf(Error);
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it('takes an unreachable server for transient', async () => {
    const client = new Client({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it('does not take a wrong query, a broken constraint or a non-error for transient', async () => {
    expect(isTransientDatabaseError(await errorOf('SELEC 1'))).toBe(false);
    expect(isTransientDatabaseError(await errorOf(`SELECT 'x'::int`))).toBe(false);
    expect(isTransientDatabaseError('Connection terminated')).toBe(false);
    expect(isTransientDatabaseError(new Error('template kind missing'))).toBe(false);
  });
});
