import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainException } from '../common/domain.exception';
import { ProblemDetailsFilter } from '../common/problem-details.filter';
import { SIGN_IN_PAGE } from './sso.routes';

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A small page for a person whose sign-in or sign-out failed: plain words and a way back. No script. */
export function renderSamlErrorPage(title: string, detail: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} · Brevet</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f}a{color:#0b57d0}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
<p><a href="${SIGN_IN_PAGE}">Back to the sign-in page</a></p>
</main>
</body>
</html>
`;
}

/**
 * Errors of the SAML endpoints. A browser (which asks for `text/html`) gets a small page with a link back to
 * the sign-in page; anything else gets problem+json. Never a stack trace or the SAML message.
 */
@Catch()
export class SamlErrorFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();
  private readonly logger = new Logger('SamlError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    if (request.accepts(['application/json', 'application/problem+json', 'text/html']) !== 'text/html') {
      this.problems.catch(exception, host);
      return;
    }
    const { status, title, detail } = describe(exception);
    if (status >= 500)
      this.logger.error(
        { err: exception, url: request.originalUrl },
        `SAML request failed: ${String(exception)}`,
      );
    http
      .getResponse<Response>()
      .status(status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
        'X-Content-Type-Options': 'nosniff',
      })
      .send(renderSamlErrorPage(title, detail));
  }
}

function describe(exception: unknown): { status: number; title: string; detail: string } {
  if (exception instanceof DomainException)
    return { status: exception.status, title: exception.title, detail: exception.detail ?? exception.title };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return status === 404
      ? { status, title: 'Page not found', detail: 'This sign-in address does not exist.' }
      : { status, title: 'Sign-in failed', detail: 'The request could not be processed. Please try again.' };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    title: 'Something went wrong',
    detail: 'Signing in did not work because of an error on our side. Please try again in a moment.',
  };
}
