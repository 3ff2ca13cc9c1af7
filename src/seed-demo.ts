import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dotenv';
import { JsonLogger } from './common/logging/json-logger';
import { prepareInfrastructure, StartupError } from './database/startup';
import { seedDemo } from './demo/demo-seeder';
import { LivingGroupDemo } from './demo/living-group';

/** npm run seed:demo — loads the WGECC demo and makes it look alive today; safe to run again. */
async function main() {
  loadDotEnv();
  const config = loadConfig();
  await prepareInfrastructure(config, new JsonLogger('warn'));
  // The API role plans the demo's emails without sending them; the app's workers send them once started.
  const app = await NestFactory.createApplicationContext(AppModule.forConfig({ ...config, role: 'api' }), {
    logger: new JsonLogger('warn'),
  });
  try {
    const added = await seedDemo(app.get(DataSource));
    const alive = await new LivingGroupDemo(app).load();
    process.stdout.write(
      `WGECC demo: ${added.members} members, ${added.memberships} terms added` +
        (alive
          ? '; meetings, a poll, minutes and a work plan set around today\n'
          : '; today’s meetings already there\n'),
    );
  } finally {
    await app.close();
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
