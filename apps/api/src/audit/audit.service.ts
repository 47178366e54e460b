import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  type AuditPage,
  type AuditQuery,
  type AuditVerifyResult,
  type SortDirection,
} from '@brevet/contracts';
import { Readable } from 'node:stream';
import { Clock } from '../common/clock';
import { csvDocument, type CsvValue } from '../common/csv-export.util';
import { AuditLog } from './audit-log.service';
import { CHAIN_START, verifyAuditChain, type ChainPosition } from './audit-chain.util';
import { encodeAuditText } from './audit-text.util';
import type { AuditPageQueryDto, AuditQueryDto } from './audit.dto';
import type { RowStatement } from '../database/row-statement';
import { AUDIT_CSV_HEADER, auditCsvRow, mapAuditEntry } from './audit.mapper';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit.repository';

/** Entries read per query when verifying or exporting: memory stays flat however long the log is. */
const BATCH = 5_000;

/** How an auditor reads the log: search, CSV export, and verification of the hash chain. */
@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly log: AuditLog,
    private readonly clock: Clock,
  ) {}

  async search(query: AuditPageQueryDto): Promise<AuditPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.entries.findPage(
      toFilter(query),
      direction(query.sort),
      page,
      pageSize,
    );
    return { items: rows.map(mapAuditEntry), total, page, pageSize };
  }

  /**
   * The matching entries as CSV, streamed batch by batch. The export is itself recorded first, and the file
   * holds the log as it was at that moment (up to and including that entry), however long streaming takes.
   */
  async exportCsv(query: AuditQueryDto): Promise<{ fileName: string; content: Readable }> {
    const filter = toFilter(query);
    const sort = direction(query.sort);
    const recorded = await this.log.record({
      action: 'export.created',
      target: { type: 'audit', id: null, label: 'Audit log' },
      details: {
        format: 'csv',
        filters: describeFilters(query),
        sort: sort === 'asc' ? 'oldest first' : 'newest first',
      },
    });
    const snapshot: AuditFilter = { ...filter, maxSequence: BigInt(recorded.sequence) };
    const entries = this.entries;
    async function* rows(): AsyncGenerator<CsvValue[]> {
      let after: bigint | null = null;
      for (;;) {
        const batch = await entries.findBatch(snapshot, sort, after, BATCH);
        for (const row of batch) yield auditCsvRow(row);
        if (batch.length < BATCH) return;
        after = BigInt(batch[batch.length - 1].sequence);
      }
    }
    const day = this.clock.now().toISOString().slice(0, 10);
    return {
      fileName: `audit-log-${day}.csv`,
      content: Readable.from(csvDocument(AUDIT_CSV_HEADER, rows())),
    };
  }

  /**
   * The entries matching `query` up to and including `maxSequence` (an export's snapshot), as a statement the
   * exports module streams through a cursor. `sort` as in search: `sequence` oldest first, else newest first.
   */
  exportStatement(query: AuditQuery, sort: string | undefined, maxSequence: bigint): RowStatement<AuditRow> {
    return this.entries.exportStatement({ ...toFilter(query), maxSequence }, direction(sort));
  }

  /** Walks the whole chain, then records that it did (with the result). */
  async verify(via: 'api' | 'command' = 'api'): Promise<AuditVerifyResult> {
    const result = await this.checkChain();
    await this.log.record({
      action: 'audit.verified',
      outcome: result.ok ? 'success' : 'failure',
      target: { type: 'audit', id: null, label: 'Audit log' },
      details: { via, ...result },
    });
    return result;
  }

  /** Reads the chain in order, `BATCH` entries at a time, and checks each batch from where the last ended. */
  async checkChain(): Promise<AuditVerifyResult> {
    let head: ChainPosition = CHAIN_START;
    let entriesChecked = 0;
    for (;;) {
      const batch = await this.entries.chainBatch(head.sequence, BATCH);
      const check = verifyAuditChain(batch, head);
      entriesChecked += check.entriesChecked;
      if (!check.ok) {
        return {
          ok: false,
          entriesChecked,
          firstBrokenSequence: Number(check.firstBrokenSequence),
          reason: check.reason,
        };
      }
      head = check.head;
      if (batch.length < BATCH) break;
    }
    return entriesChecked === 0
      ? { ok: true, entriesChecked }
      : { ok: true, entriesChecked, headSequence: Number(head.sequence), headHash: head.hash };
  }
}

function direction(sort: string | undefined): SortDirection {
  return sort === 'sequence' || sort === '+sequence' ? 'asc' : 'desc';
}

/** An ISO date is midnight UTC; a date-time without an offset is read as UTC too (never the server's zone). */
function instant(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const hasZone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(value);
  return new Date(value.includes('T') && !hasZone ? `${value}Z` : value);
}

/** Stored text is encoded, so text filters are encoded the same way before they are compared. */
function toFilter(query: AuditQuery): AuditFilter {
  return {
    actions: query.action,
    actorUserId: query.actorUserId?.toLowerCase(),
    targetType: query.targetType === undefined ? undefined : encodeAuditText(query.targetType),
    targetId: query.targetId === undefined ? undefined : encodeAuditText(query.targetId),
    outcome: query.outcome,
    text: query.q === undefined ? undefined : encodeAuditText(query.q),
    from: instant(query.from),
    to: instant(query.to),
  };
}

/** The filters an export used, for its own audit entry. */
function describeFilters(query: AuditQuery): Record<string, unknown> {
  const { action, actorUserId, targetType, targetId, outcome, q, from, to } = query;
  const all: Record<string, unknown> = { action, actorUserId, targetType, targetId, outcome, q, from, to };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}
