import { gunzipSync } from 'node:zlib';
import {
  bitAt,
  bitstringWith,
  buildStatusListCredential,
  decodeBitstring,
  encodeBitstring,
  MIN_STATUS_LIST_ENTRIES,
  StatusListError,
} from './status-list.util';

describe('Bitstring Status List', () => {
  it('has at least 16 KB (131,072 entries), all zero when nothing is set', () => {
    const bits = bitstringWith([]);
    expect(MIN_STATUS_LIST_ENTRIES).toBe(131_072);
    expect(bits.length).toBe(16_384);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('puts index 0 at the left-most bit of the first byte and the last index at the right-most bit', () => {
    const bits = bitstringWith([0, 7, 8, 131_071]);
    expect(bits[0]).toBe(0b1000_0001);
    expect(bits[1]).toBe(0b1000_0000);
    expect(bits[16_383]).toBe(0b0000_0001);
    expect([0, 1, 6, 7, 8, 9, 131_070, 131_071].map((i) => bitAt(bits, i))).toEqual([1, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('grows in 16 KB steps to hold a larger index', () => {
    expect(bitstringWith([131_072]).length).toBe(32_768);
    expect(bitAt(bitstringWith([200_000]), 200_000)).toBe(1);
  });

  it('round-trips through the multibase base64url GZIP encoding', () => {
    const revoked = [3, 94_567, 131_000];
    const encoded = encodeBitstring(bitstringWith(revoked));
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    // GZIP (RFC 1952) magic number under the multibase prefix.
    expect(Buffer.from(encoded.slice(1), 'base64url').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const decoded = decodeBitstring(encoded);
    expect(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'))).toEqual(decoded);
    for (const i of revoked) expect(bitAt(decoded, i)).toBe(1);
    expect(bitAt(decoded, 94_566)).toBe(0);
  });

  it("decodes the specification's example list (16 KB of zeros)", () => {
    const bits = decodeBitstring('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA');
    expect(bits.length).toBe(16_384);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('refuses lists that are too short, not multibase, or not GZIP, and indices outside the list', () => {
    expect(() => decodeBitstring(encodeBitstring(Buffer.alloc(1024)))).toThrow(StatusListError);
    expect(() => decodeBitstring(encodeBitstring(bitstringWith([])).slice(1))).toThrow(StatusListError);
    expect(() => decodeBitstring('uAAAA')).toThrow(StatusListError);
    expect(() => bitAt(bitstringWith([]), 131_072)).toThrow(RangeError);
    expect(() => bitstringWith([-1])).toThrow(StatusListError);
  });

  it('builds a BitstringStatusListCredential for revocation', () => {
    const vc = buildStatusListCredential({
      url: 'https://brevet.example/status/revocation/1',
      issuer: 'https://brevet.example/issuer',
      revoked: [5],
      now: new Date('2026-03-12T10:00:00.123Z'),
    });
    expect(vc).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://brevet.example/status/revocation/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      validFrom: '2026-03-12T10:00:00Z',
      validUntil: '2026-03-13T10:00:00Z',
      credentialSubject: {
        id: 'https://brevet.example/status/revocation/1#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
      },
    });
    expect(bitAt(decodeBitstring(vc.credentialSubject.encodedList), 5)).toBe(1);
  });
});
