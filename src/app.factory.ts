import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { compressPages } from './common/http/page-compression';
import { applySecurityHeaders } from './common/http/security-headers';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { buildOpenApiDocument } from './common/http/openapi-document';
import { RequestLoggingMiddleware } from './common/http/request-logging.middleware';
import { JsonLogger } from './common/logging/json-logger';
import { rejectUnsafeInput } from './common/validation/input-safety';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig, loadConfig } from './config/app-config';
import { PageSessionService } from './web/page-session.service';

export const BODY_LIMIT = '1mb';

/** The HTTP application (with the workers too when the role is "all"). Used by main.ts and the e2e tests. */
export async function createHttpApp(
  config: AppConfig,
  logger = new JsonLogger(config.logLevel),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger,
  });
  const requestLogging = new RequestLoggingMiddleware(logger.isEnabled('info'));
  app.use(requestLogging.use.bind(requestLogging));
  applySecurityHeaders(app, config);
  app.use(compressPages);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(rejectUnsafeInput);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  const pages = app.get(PageSessionService);
  app.useGlobalFilters(new AllExceptionsFilter((req, res) => pages.notFound(req, res)));
  app.enableShutdownHooks();
  setUpOpenApi(app);
  mountQueueDashboard(app, config);
  await app.init();
  return app;
}

export async function createWorkerContext(
  config: AppConfig,
  logger = new JsonLogger(config.logLevel),
): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(AppModule.forConfig(config), { logger });
  context.enableShutdownHooks();
  return context;
}

/** The OpenAPI document without a database or Redis: in preview mode Nest creates no provider. */
export async function describeApi(): Promise<OpenAPIObject> {
  const config = loadConfig({
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
    REDIS_URL: 'redis://127.0.0.1:1',
    APP_SECRET: 'openapi-document-only-not-a-secret-0123456789',
    ADMIN_TOKEN: 'openapi-document-only-not-a-token-0123456789',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    preview: true,
    logger: false,
  });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

function setUpOpenApi(app: INestApplication) {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
