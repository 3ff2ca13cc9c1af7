import { Client } from 'pg';

/** Creates the database named in the URL when it does not exist yet (a new user's first start). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) return;
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quotedName(databaseUrl)}`);
    }
  } catch (error) {
    // Another process may have created it between the check and the CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/** Drops and creates the database named in the URL: empty, or a copy of `templateUrl`'s database when given. */
export async function recreateDatabase(databaseUrl: string, templateUrl?: string): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quotedName(databaseUrl)} WITH (FORCE)`);
    await client.query(
      `CREATE DATABASE ${quotedName(databaseUrl)}${templateUrl ? ` TEMPLATE ${quotedName(templateUrl)}` : ''}`,
    );
  } finally {
    await client.end();
  }
}

function quotedName(databaseUrl: string): string {
  return `"${decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')).replace(/"/g, '""')}"`;
}
