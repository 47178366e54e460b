import { RequestMethod, ValidationPipe, VersioningType, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { SCIM_BASE_PATH } from '@brevet/contracts';
import type { ValidationError } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClsMiddleware } from 'nestjs-cls';
import { Logger } from 'nestjs-pino';
import { ValidationFailedException } from '../common/domain.exception';
import { ProblemDetailsFilter } from '../common/problem-details.filter';
import type { AppConfig } from '../config/app-config';
import { isOpenBadgesPublicUrl, OPEN_BADGES_PUBLIC_ROUTES } from '../open-badges/open-badges.routes';
import { httpMetrics } from '../metrics/http-metrics.middleware';
import { METRICS_PATH, serveMetrics } from '../metrics/metrics-endpoint';
import { MetricsService } from '../metrics/metrics.service';
import { buildOpenApiDocument } from '../openapi/openapi';
import { isScimUrl, SCIM_CONTENT_TYPE } from '../scim/scim.constants';
import { scimContentType, ScimErrorFilter } from '../scim/scim-error.filter';
import { applySecurityHeaders } from './security-headers';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // One message per field: the first rule it breaks, which is the one a person fixes first.
    const own = Object.values(e.constraints ?? {})
      .slice(0, 1)
      .map((message) =>
        message.startsWith(`${e.property} `)
          ? { field, message: message.slice(e.property.length + 1) }
          : { field, message },
      );
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Everything HTTP-specific that both `main.ts` and the HTTP tests need: prefix, versioning, validation,
 * problem+json errors, OpenAPI, and the admin UI's static files. SCIM (`/scim/v2`, see docs/scim.md) sits
 * outside the `/api` prefix, reads and answers `application/scim+json`, and has its own error schema. So do
 * the public Open Badges routes (`/issuer`, `/status/revocation/…`, `/verify/:id`, see docs/open-badges.md).
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', config.trustProxy);
  applySecurityHeaders(express);
  mountMetrics(express, config);
  express.use(new ClsMiddleware({}).use);
  express.useBodyParser('json', { type: ['application/json', SCIM_CONTENT_TYPE] });
  express.use(SCIM_BASE_PATH, scimContentType);
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'scim/v2{/*path}', method: RequestMethod.ALL },
      // SAML (/auth/saml/{idp}/…, URLs identity providers are given) and the demo identity provider. Not
      // `auth/{*path}`: that would also take /api/v1/auth/… (sign-in options, me, logout) out of the prefix.
      { path: 'auth/saml/{*path}', method: RequestMethod.ALL },
      { path: 'auth/demo-idp/{*path}', method: RequestMethod.ALL },
      ...OPEN_BADGES_PUBLIC_ROUTES,
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new ValidationFailedException(flatten(errors)),
    }),
  );
  app.useGlobalFilters(new ScimErrorFilter(new ProblemDetailsFilter()));
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  serveAdminUi(express, config.adminDistDir);
}

/**
 * Prometheus: every request is timed; `GET /metrics` answers only when `METRICS_TOKEN` is set, and only to
 * that bearer token (otherwise the path is an ordinary 404). See docs/operations.md.
 */
function mountMetrics(app: NestExpressApplication, config: AppConfig): void {
  const metrics = app.get(MetricsService);
  app.use(httpMetrics(metrics));
  const token = config.metrics?.token;
  if (!token) return;
  app.use(METRICS_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    serveMetrics(req, res, metrics, token);
  });
}

/** Serves the built Angular app; unknown non-API paths fall back to index.html for client-side routing. */
function serveAdminUi(app: NestExpressApplication, dir: string): void {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api') ||
      req.path.startsWith('/auth/') ||
      isScimUrl(req.path) ||
      isOpenBadgesPublicUrl(req.path) ||
      path.extname(req.path)
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
