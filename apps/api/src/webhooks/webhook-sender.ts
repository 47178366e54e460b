import { Injectable } from '@nestjs/common';
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import * as tls from 'node:tls';
import { AppConfig } from '../config/app-config';
import { isPrivateAddress } from './webhook-url.util';

/** What one POST came to. `statusCode` null: no HTTP answer (refused, timed out, TLS, private address). */
export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
}

export const RESPONSE_BODY_LIMIT = 2048;

/**
 * Sends one webhook request: HTTPS only, no redirects followed, one overall timeout, the response body cut at
 * 2 KB. Host names are resolved here and every address is checked (unless private hosts are allowed), and the
 * connection goes to the address that was checked, so DNS rebinding cannot slip a private address in.
 */
@Injectable()
export class WebhookSender {
  private readonly ca: string[] | undefined;

  constructor(private readonly config: AppConfig) {
    const file = config.webhooks.caFile;
    this.ca = file ? [...tls.rootCertificates, fs.readFileSync(file, 'utf8')] : undefined;
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const done = (partial: Omit<SendResult, 'durationMs'>): SendResult => ({
      ...partial,
      durationMs: Math.round(performance.now() - started),
    });
    const allowPrivate = this.config.webhooks.allowPrivateHosts;
    const target = new URL(url);
    if (target.protocol !== 'https:')
      return done({ statusCode: null, responseBody: null, error: 'refused: not https' });
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(literal) !== 0 && isPrivateAddress(literal))
      return done({ statusCode: null, responseBody: null, error: 'refused: private address' });

    const lookup: LookupFunction = (hostname, options, callback) => {
      dns.lookup(hostname, { all: true, family: options.family }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const list = addresses as dns.LookupAddress[];
        if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) {
          const refused = Object.assign(new Error(`refused: ${hostname} resolves to a private address`), {
            code: 'EWEBHOOKPRIVATE',
          });
          return callback(refused, '', 0);
        }
        const first = list[0];
        if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
        if ((options as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [first]);
        return callback(null, first.address, first.family);
      });
    };

    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: Omit<SendResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(done(result));
      };
      const request = https.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
          lookup,
          ca: this.ca,
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < RESPONSE_BODY_LIMIT) chunks.push(chunk);
            size += chunk.length;
            if (size > 64 * 1024) response.destroy();
          });
          const end = () =>
            finish({
              statusCode: response.statusCode ?? null,
              responseBody: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
              error: null,
            });
          response.on('end', end);
          response.on('close', end);
          response.on('error', end);
        },
      );
      const timer = setTimeout(() => {
        request.destroy();
        finish({
          statusCode: null,
          responseBody: null,
          error: `timed out after ${this.config.webhooks.timeoutMs} ms`,
        });
      }, this.config.webhooks.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) =>
        finish({
          statusCode: null,
          responseBody: null,
          error: (error.message || error.code || 'request failed').slice(0, 500),
        }),
      );
      request.end(body);
    });
  }
}
