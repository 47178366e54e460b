import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import { configureApp } from '../bootstrap/configure-app';
import { AppConfig } from '../config/app-config';
import { buildOpenApiDocument } from './openapi';

/** The OpenAPI document as committed in `apps/api/openapi.json`: stable key order, trailing newline. */
export function serialiseOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Builds the document from the real application module against `databaseUrl` (nothing is served). */
export async function generateOpenApi(
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
): Promise<string> {
  const config = AppConfig.load({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    ADMIN_DIST_DIR: '/nonexistent',
    ...env,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, 'api'), {
    logger: false,
  });
  try {
    configureApp(app, config);
    await app.init();
    return serialiseOpenApi(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
}
