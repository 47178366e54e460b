import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  EvidenceRoutes,
  type Evidence,
  type EvidenceCredentialOption,
  type EvidenceListQuery,
  type EvidencePage,
  type OrgTreeNode,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

const TREE = `${API_V1}/organisation/tree`;

/**
 * The approvals inbox (`/api/v1/evidence`, permission `evidence.approve`): evidence about people in the
 * approver's branches, and deciding on it. The API applies the scope; this only asks.
 */
@Injectable({ providedIn: 'root' })
export class ApprovalsApi {
  private readonly http = inject(HttpClient);

  list(query: EvidenceListQuery): Observable<EvidencePage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query) as [string, unknown][]) {
      if (value !== undefined && value !== null && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<EvidencePage>(EvidenceRoutes.inbox, { params });
  }

  /** Approves and issues the certificate (from the date on the file). */
  approve(id: string): Observable<Evidence> {
    return this.http.post<Evidence>(EvidenceRoutes.approve(id), {});
  }

  reject(id: string, reason: string): Observable<Evidence> {
    return this.http.post<Evidence>(EvidenceRoutes.reject(id), { reason });
  }

  /** The credentials evidence can be sent in for, for the filter. */
  credentials(): Observable<EvidenceCredentialOption[]> {
    return this.http.get<EvidenceCredentialOption[]>(EvidenceRoutes.mineCredentials);
  }

  /** The branches in the approver's scope, for the filter. */
  organisation(): Observable<OrgTreeNode[]> {
    return this.http.get<OrgTreeNode[]>(TREE);
  }
}
