import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainException } from '../common/domain.exception';
import { JobQueueUnavailableError } from '../jobs/job-queue.port';
import { isScimUrl, SCIM_CONTENT_TYPE, ScimUrn } from './scim.constants';
import { ScimException, type ScimErrorType } from './scim.exception';

export interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: ScimErrorType;
  detail: string;
}

/**
 * Every error under `/scim/v2` (guard, validation, unknown route, malformed JSON, rule violations from the
 * staff module) answers with the SCIM error schema as `application/scim+json`. Everything else is passed
 * to `fallback`, the API's problem+json filter. Internal details never reach the client.
 */
@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ScimError');

  constructor(private readonly fallback: ExceptionFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    if (!isScimUrl(request.originalUrl)) {
      this.fallback.catch(exception, host);
      return;
    }
    const response = http.getResponse<Response>();
    const error = toScimError(exception);
    if (Number(error.status) >= 500) {
      this.logger.error(
        { err: exception, url: request.originalUrl },
        `SCIM request failed: ${String(exception)}`,
      );
    }
    if (error.status === '401') response.setHeader('WWW-Authenticate', 'Bearer realm="Brevet SCIM"');
    response.status(Number(error.status)).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error));
  }
}

function body(status: number, detail: string, scimType?: ScimErrorType): ScimErrorBody {
  return { schemas: [ScimUrn.Error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export function toScimError(exception: unknown): ScimErrorBody {
  if (exception instanceof ScimException) return body(exception.status, exception.detail, exception.scimType);
  if (exception instanceof DomainException) {
    // Rules enforced by the staff module: taken employee number, unknown manager, archived branch, …
    const scimType: ScimErrorType | undefined = exception.code.endsWith('_taken')
      ? 'uniqueness'
      : exception.status === HttpStatus.BAD_REQUEST
        ? 'invalidValue'
        : undefined;
    return body(exception.status, exception.detail ?? exception.title, scimType);
  }
  if (exception instanceof JobQueueUnavailableError) {
    return body(503, 'Background processing is unavailable right now. Nothing was saved; please retry.');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === HttpStatus.NOT_FOUND) return body(404, 'There is no such SCIM endpoint.');
    if (status === HttpStatus.BAD_REQUEST) {
      // Body parser: the JSON itself is broken.
      return body(400, `The request body is not valid JSON: ${exception.message}`, 'invalidSyntax');
    }
    return body(status, exception.message);
  }
  return body(500, 'Something went wrong on our side. The error has been logged; please retry.');
}

/** Express middleware for `/scim/v2`: answers are `application/scim+json` (RFC 7644 §3.1). */
export function scimContentType(_req: Request, res: Response, next: NextFunction): void {
  res.type(SCIM_CONTENT_TYPE);
  next();
}
