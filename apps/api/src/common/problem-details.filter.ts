import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, type ErrorCode, type ProblemDetails } from '@brevet/contracts';
import type { Request, Response } from 'express';
import { JobQueueUnavailableError } from '../jobs/job-queue.port';
import { isDatabaseUnavailable } from './database-unavailable.util';
import { DomainException } from './domain.exception';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  404: 'not_found',
  409: 'conflict',
  503: 'service_unavailable',
};

/** Maps every error to RFC 9457 problem+json with a stable `code`. Internal details never reach clients. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl;
    if (problem.status >= 500) {
      this.logger.error({ err: exception, url: request.originalUrl }, `request failed: ${String(exception)}`);
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainException) {
      return {
        type: `urn:brevet:problem:${exception.code}`,
        title: exception.title,
        status: exception.status,
        code: exception.code,
        detail: exception.detail,
        ...(exception.errors ? { errors: exception.errors } : {}),
      };
    }
    if (exception instanceof JobQueueUnavailableError) {
      return {
        type: 'urn:brevet:problem:service_unavailable',
        title: 'Temporarily unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'service_unavailable',
        detail:
          'Background processing is unavailable right now. Nothing was saved; please try again shortly.',
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: 'urn:brevet:problem:service_unavailable',
        title: 'Temporarily unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'service_unavailable',
        detail:
          'The database connection was interrupted. Please try again shortly; if you were saving something, check first whether it was saved.',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'conflict');
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        type: status === 404 ? 'urn:brevet:problem:not_found' : `urn:brevet:problem:http-${status}`,
        title: exception.message,
        status,
        code: status === 404 ? 'not_found' : code,
        detail: Array.isArray(message)
          ? message.join('; ')
          : typeof message === 'string'
            ? message
            : undefined,
      };
    }
    const bodyError = bodyParserProblem(exception);
    if (bodyError) return bodyError;
    return {
      type: 'urn:brevet:problem:internal_error',
      title: 'Something went wrong on our side',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'internal_error',
      detail: 'The error has been logged. Please try again; if it keeps happening, tell your administrator.',
    };
  }
}

/**
 * Errors of Express's body parsers (raised before any route runs): a body over the limit is 413, one that
 * does not parse is 400 — the client's fault, not ours.
 */
function bodyParserProblem(exception: unknown): ProblemDetails | null {
  const type = (exception as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return {
      type: 'urn:brevet:problem:payload_too_large',
      title: 'Request too large',
      status: HttpStatus.PAYLOAD_TOO_LARGE,
      code: 'payload_too_large',
      detail: 'The request body is larger than this endpoint accepts.',
    };
  }
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return {
      type: 'urn:brevet:problem:validation_failed',
      title: 'The request is not valid',
      status: HttpStatus.BAD_REQUEST,
      code: 'validation_failed',
      detail: 'The request body could not be read (malformed JSON or form data, or an unsupported encoding).',
    };
  }
  return null;
}
