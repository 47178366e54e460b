// W3C Bitstring Status List v1.0: the bitstring, its encoding, and the status list credential.
import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from './credential-builder.util';
import { dateTimeZ } from './zoned-day.util';

/** The spec's minimum: the uncompressed bitstring is at least 16 KB, i.e. 131,072 entries of one bit. */
export const MIN_STATUS_LIST_ENTRIES = 16 * 1024 * 8;
/** Refuse to expand lists bigger than this (16 MB of bits) from untrusted input. */
const MAX_BITSTRING_BYTES = 16 * 1024 * 1024;

export class StatusListError extends Error {}

/**
 * A bitstring of at least {@link MIN_STATUS_LIST_ENTRIES} bits with `indices` set. Index 0 is the left-most
 * (most significant) bit of the first byte; the list grows in 16 KB steps to hold the largest index.
 */
export function bitstringWith(indices: Iterable<number>, minimumEntries = MIN_STATUS_LIST_ENTRIES): Buffer {
  const list = [...indices];
  for (const i of list)
    if (!Number.isSafeInteger(i) || i < 0) throw new StatusListError(`invalid status list index ${i}`);
  const needed = Math.max(minimumEntries, ...list.map((i) => i + 1));
  const entries = Math.ceil(needed / MIN_STATUS_LIST_ENTRIES) * MIN_STATUS_LIST_ENTRIES;
  const bits = Buffer.alloc(entries / 8);
  for (const i of list) bits[i >> 3] |= 0x80 >> (i & 7);
  return bits;
}

/** The bit at `index` (0 or 1); a RangeError outside the list (the spec's RANGE_ERROR). */
export function bitAt(bits: Buffer, index: number): 0 | 1 {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8)
    throw new RangeError(`status list index ${index} is outside the list`);
  return (bits[index >> 3] & (0x80 >> (index & 7))) === 0 ? 0 : 1;
}

/** `encodedList`: multibase base64url (prefix `u`, no padding) of the GZIP-compressed bitstring. */
export function encodeBitstring(bits: Buffer): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** Inverse of {@link encodeBitstring}; enforces the 16 KB minimum (STATUS_LIST_LENGTH_ERROR). */
export function decodeBitstring(encodedList: string): Buffer {
  if (!encodedList.startsWith('u') || !/^u[A-Za-z0-9_-]+$/.test(encodedList))
    throw new StatusListError('encodedList must be multibase base64url (prefix u)');
  let bits: Buffer;
  try {
    bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), {
      maxOutputLength: MAX_BITSTRING_BYTES,
    });
  } catch {
    throw new StatusListError('encodedList is not a GZIP-compressed bitstring');
  }
  if (bits.length * 8 < MIN_STATUS_LIST_ENTRIES)
    throw new StatusListError(`the status list has fewer than ${MIN_STATUS_LIST_ENTRIES} entries`);
  return bits;
}

export interface StatusListCredential {
  '@context': [typeof VC_V2_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: 'revocation';
    encodedList: string;
  };
}

/** How long a published list is valid: verifiers must refetch after this, so a stapled old list expires. */
export const STATUS_LIST_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** The unsigned BitstringStatusListCredential for revocation, listing `revoked` indices. */
export function buildStatusListCredential(options: {
  url: string;
  issuer: string;
  revoked: Iterable<number>;
  now: Date;
}): StatusListCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: dateTimeZ(options.now),
    validUntil: dateTimeZ(new Date(options.now.getTime() + STATUS_LIST_VALIDITY_MS)),
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeBitstring(bitstringWith(options.revoked)),
    },
  };
}
