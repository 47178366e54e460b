import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_V1, type AuditPage, type AuditPageQuery, type AuditVerifyResult } from '@brevet/contracts';
import type { Observable } from 'rxjs';

const routes = {
  search: `${API_V1}/audit`,
  exportCsv: `${API_V1}/audit/export.csv`,
  verify: `${API_V1}/audit/verify`,
} as const;

/** `?action=a&action=b&q=…`: the audit filters as query parameters (repeated for several actions). */
export function auditParams(query: AuditPageQuery): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === '' || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params = params.append(name, String(item));
    else params = params.set(name, String(value));
  }
  return params;
}

/** The audit log (`/api/v1/audit`, permission `audit.read`): search, CSV export, chain verification. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  search(query: AuditPageQuery): Observable<AuditPage> {
    return this.http.get<AuditPage>(routes.search, { params: auditParams(query) });
  }

  /** A link that downloads the matching entries as CSV (the browser sends the session cookie). */
  exportUrl(query: AuditPageQuery): string {
    const params = auditParams(query).toString();
    return params ? `${routes.exportCsv}?${params}` : routes.exportCsv;
  }

  /** Walks the whole hash chain (and records that it did). */
  verify(): Observable<AuditVerifyResult> {
    return this.http.get<AuditVerifyResult>(routes.verify);
  }
}
