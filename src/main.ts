import 'reflect-metadata';
import { createHttpApp, createWorkerContext } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dotenv';
import { JsonLogger } from './common/logging/json-logger';
import { prepareInfrastructure, StartupError } from './database/startup';

async function main() {
  loadDotEnv();
  const config = loadConfig();
  const logger = new JsonLogger(config.logLevel);
  await prepareInfrastructure(config, logger);
  if (config.role === 'worker') {
    await createWorkerContext(config, logger);
    logger.log({ msg: 'worker started', role: config.role }, 'Main');
    return;
  }
  const app = await createHttpApp(config, logger);
  await app.listen(config.port);
  logger.log(
    {
      msg: `listening on ${config.appUrl} (port ${config.port})`,
      role: config.role,
      docs: `${config.appUrl}/api/docs`,
    },
    'Main',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`Could not start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
