import { createHash } from 'node:crypto';
import {
  auditEntryHash,
  canonicalAuditEntry,
  canonicalJson,
  CHAIN_START,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditChainFields,
  type StoredAuditChainEntry,
} from './audit-chain.util';

/** A valid chain of `n` entries, built the way AuditLog builds it. */
function chain(n: number): StoredAuditChainEntry[] {
  const entries: StoredAuditChainEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i += 1) {
    const fields: AuditChainFields = {
      sequence: String(i),
      occurredAt: new Date(Date.UTC(2026, 10, 28, 10, 0, i)),
      actorUserId: i % 2 ? '6f1c2a9e-1b7d-4d3e-9a51-0c4e8b2f7a10' : null,
      actorLabel: i % 2 ? 'Anna Muster' : 'system',
      action: 'award.issued',
      outcome: 'success',
      targetType: 'award',
      targetId: `award-${i}`,
      targetLabel: `Forklift B for E${100000 + i}`,
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      requestId: `req-${i}`,
      before: null,
      after: { status: 'active', validUntil: '2028-03-31' },
      details: { n: i },
      prevHash,
    };
    const hash = auditEntryHash(fields);
    entries.push({ ...fields, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were written in (as jsonb reorders them)', () => {
    expect(canonicalJson({ status: 'active', a: 1, validUntil: null })).toBe(
      canonicalJson({ validUntil: null, a: 1, status: 'active' }),
    );
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'a"b\\c' })).toBe('{"k\\"":"a\\"b\\\\c"}');
  });
});

describe('auditEntryHash', () => {
  it('is SHA-256 hex over the canonical entry, prevHash included', () => {
    const [entry] = chain(1);
    const canonical = canonicalAuditEntry(entry);
    expect(canonical).toContain(`"prevHash":"${GENESIS_HASH}"`);
    expect(canonical).toMatch(/^\{"action":"award\.issued","actorLabel":/);
    expect(entry.hash).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<AuditChainFields>]>([
    ['the sequence', { sequence: '2' }],
    ['the time', { occurredAt: new Date(Date.UTC(2026, 10, 28, 10, 0, 1, 1)) }],
    ['the actor', { actorLabel: 'Someone else' }],
    ['the actor ID', { actorUserId: null }],
    ['the action', { action: 'award.revoked' }],
    ['the outcome', { outcome: 'failure' }],
    ['the target', { targetId: 'award-2' }],
    ['the ip', { ip: '198.51.100.1' }],
    ['before', { before: {} }],
    ['after', { after: { status: 'revoked', validUntil: '2028-03-31' } }],
    ['details', { details: { n: 2 } }],
    ['the previous hash', { prevHash: 'f'.repeat(64) }],
  ])('changes when %s changes', (_name, change) => {
    const [entry] = chain(1);
    expect(auditEntryHash({ ...entry, ...change })).not.toBe(entry.hash);
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and reports where it ends', () => {
    const entries = chain(5);
    expect(verifyAuditChain(entries)).toEqual({
      ok: true,
      entriesChecked: 5,
      head: { sequence: 5n, hash: entries[4].hash },
    });
  });

  it('accepts an empty chain', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, entriesChecked: 0, head: CHAIN_START });
  });

  it('checks a long chain batch by batch, continuing from the previous head', () => {
    const entries = chain(7);
    const first = verifyAuditChain(entries.slice(0, 3));
    if (!first.ok) throw new Error('first batch should be intact');
    expect(verifyAuditChain(entries.slice(3), first.head)).toMatchObject({ ok: true, entriesChecked: 4 });
    // The second batch on its own does not start the chain.
    expect(verifyAuditChain(entries.slice(3))).toMatchObject({ ok: false, firstBrokenSequence: 4n });
  });

  it.each<[string, (entries: StoredAuditChainEntry[]) => StoredAuditChainEntry[], bigint, string, number]>([
    [
      'a changed field',
      (e) => e.map((x) => (x.sequence === '3' ? { ...x, targetLabel: 'tampered' } : x)),
      3n,
      'hash-mismatch',
      3,
    ],
    [
      'a changed JSON value',
      (e) => e.map((x) => (x.sequence === '4' ? { ...x, details: { n: 40 } } : x)),
      4n,
      'hash-mismatch',
      4,
    ],
    [
      'an entry rewritten together with its hash',
      (e) =>
        e.map((x) => {
          if (x.sequence !== '2') return x;
          const changed = { ...x, actorLabel: 'tampered' };
          return { ...changed, hash: auditEntryHash(changed) };
        }),
      3n,
      'prev-hash-mismatch',
      3,
    ],
    ['a missing entry', (e) => e.filter((x) => x.sequence !== '3'), 4n, 'sequence-gap', 3],
    ['a missing first entry', (e) => e.slice(1), 2n, 'sequence-gap', 1],
    ['a repeated entry', (e) => [...e.slice(0, 3), e[2], ...e.slice(3)], 3n, 'sequence-gap', 4],
    ['swapped entries', (e) => [e[0], e[2], e[1], ...e.slice(3)], 3n, 'sequence-gap', 2],
    [
      'renumbered entries after a deletion',
      (e) => [e[0], { ...e[2], sequence: '2' }, ...e.slice(3)],
      2n,
      'prev-hash-mismatch',
      2,
    ],
  ])('finds %s', (_name, tamper, firstBrokenSequence, reason, entriesChecked) => {
    expect(verifyAuditChain(tamper(chain(5)))).toEqual({
      ok: false,
      entriesChecked,
      firstBrokenSequence,
      reason,
    });
  });
});
