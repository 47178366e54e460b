import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { isJsonObject } from './scim-schema';

/**
 * Headers of single-resource answers: `Location` on create (RFC 7644 §3.3) and the resource version as
 * a weak `ETag` (informational: conditional requests are not supported, see ServiceProviderConfig).
 */
@Injectable()
export class ScimResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const meta = isJsonObject(body) ? body['meta'] : undefined;
        if (isJsonObject(meta)) {
          if (typeof meta['version'] === 'string') response.setHeader('ETag', meta['version']);
          if (request.method === 'POST' && typeof meta['location'] === 'string') {
            response.setHeader('Location', meta['location']);
          }
        }
        return body;
      }),
    );
  }
}
