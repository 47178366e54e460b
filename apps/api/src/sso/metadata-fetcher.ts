import { Injectable } from '@nestjs/common';
import { SSO_METADATA_MAX_BYTES } from '@brevet/contracts';
import { isLocalHost } from './saml-metadata.util';
import { MetadataUnreachableException } from './sso.exceptions';

const TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

/** Only https, except a test identity provider on this machine. No credentials in the URL. */
export function assertFetchableMetadataUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MetadataUnreachableException('this is not a URL');
  }
  if (url.username || url.password)
    throw new MetadataUnreachableException('the URL must not contain a password');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLocalHost(url.hostname)) return url;
  throw new MetadataUnreachableException('the metadata URL must start with https://');
}

/**
 * Fetches an identity provider's metadata document: https only (http for localhost), at most
 * {@link SSO_METADATA_MAX_BYTES}, {@link TIMEOUT_MS} in all, redirects followed only to URLs that pass the same
 * rules. The HTTP adapter in front of the identity provider service.
 */
@Injectable()
export class MetadataFetcher {
  async fetch(value: string): Promise<string> {
    let url = assertFetchableMetadataUrl(value);
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    for (let hop = 0; ; hop += 1) {
      let response: Response;
      try {
        response = await fetch(url, {
          redirect: 'manual',
          signal,
          headers: { Accept: 'application/samlmetadata+xml, application/xml, text/xml' },
        });
      } catch (error) {
        throw new MetadataUnreachableException(
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${TIMEOUT_MS / 1000} seconds`
            : `the server cannot be reached (${url.host})`,
        );
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location || hop >= MAX_REDIRECTS)
          throw new MetadataUnreachableException('the URL redirects too often or without a target');
        url = assertFetchableMetadataUrl(new URL(location, url).toString());
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new MetadataUnreachableException(`the server answered HTTP ${response.status}`);
      }
      return readLimited(response);
    }
  }
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > SSO_METADATA_MAX_BYTES) {
    await response.body?.cancel();
    throw new MetadataUnreachableException('the metadata is larger than 1 MB');
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new MetadataUnreachableException('the download was interrupted or took too long');
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > SSO_METADATA_MAX_BYTES) {
      await reader.cancel();
      throw new MetadataUnreachableException('the metadata is larger than 1 MB');
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
