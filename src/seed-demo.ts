import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dotenv';
import { JsonLogger } from './common/logging/json-logger';
import { dataSourceOptions } from './database/data-source-options';
import { prepareInfrastructure, StartupError } from './database/startup';
import { seedDemo } from './demo/demo-seeder';

/** npm run seed:demo — loads the WGECC demo data; safe to run again. */
async function main() {
  loadDotEnv();
  const config = loadConfig();
  await prepareInfrastructure(config, new JsonLogger('warn'));
  const dataSource = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  try {
    const added = await seedDemo(dataSource);
    process.stdout.write(`WGECC demo loaded: added ${JSON.stringify(added)}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError || error instanceof StartupError
      ? `\n${error.message}\n`
      : `${(error as Error).stack}\n`,
  );
  process.exit(1);
});
