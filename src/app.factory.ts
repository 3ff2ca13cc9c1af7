import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { applySecurityHeaders } from './common/http/security-headers';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { RequestLoggingMiddleware } from './common/http/request-logging.middleware';
import { JsonLogger } from './common/logging/json-logger';
import { rejectUnsafeInput } from './common/validation/input-safety';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';

export const BODY_LIMIT = '1mb';

/** The HTTP application (with the workers too when the role is "all"). Used by main.ts and the e2e tests. */
export async function createHttpApp(config: AppConfig, logger = new JsonLogger(config.logLevel)): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), { bodyParser: false, logger });
  const requestLogging = new RequestLoggingMiddleware(logger.isEnabled('info'));
  app.use(requestLogging.use.bind(requestLogging));
  applySecurityHeaders(app, config);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(rejectUnsafeInput);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  mountQueueDashboard(app, config);
  await app.init();
  return app;
}

/** A worker-only process: no HTTP server, the same modules and queue processors. */
export async function createWorkerContext(config: AppConfig, logger = new JsonLogger(config.logLevel)): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(AppModule.forConfig(config), { logger });
  context.enableShutdownHooks();
  return context;
}

function setUpOpenApi(app: INestApplication) {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('wg-secretariat')
      .setDescription(
        'Workflow API of the secretariat of the EU–Central Asia Working Group on Environment and Climate Change: ' +
          'members, bodies and terms, meetings, the work plan and reminders. Every /api route needs "Authorization: Bearer <token>". ' +
          'Errors always have the shape {statusCode, error, message}, where message is one sentence or one entry per field.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
