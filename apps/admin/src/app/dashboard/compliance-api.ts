import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  ComplianceRoutes,
  CredentialRoutes,
  EvidenceRoutes,
  type ComplianceAreas,
  type ComplianceExpiringQuery,
  type ComplianceFilter,
  type ComplianceRequirementPage,
  type ComplianceRequirementQuery,
  type ComplianceRulePage,
  type ComplianceSummary,
  type CredentialDetail,
  type EvidencePage,
  type JobRole,
  type OrgTreeNode,
} from '@brevet/contracts';
import { map, type Observable } from 'rxjs';

/** Query parameters without the empty ones. */
export function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(name, String(value));
  }
  return params;
}

/**
 * Data access for the compliance dashboard: the aggregates, the people behind them, and the lookups the filters
 * need (organisation tree, job roles, a credential's title). Every answer is already limited to the viewer's
 * branches by the API.
 */
@Injectable({ providedIn: 'root' })
export class ComplianceApi {
  private readonly http = inject(HttpClient);

  summary(filter: ComplianceFilter): Observable<ComplianceSummary> {
    return this.http.get<ComplianceSummary>(ComplianceRoutes.summary, { params: toParams(filter) });
  }

  /** One organisation level × credentials: `regionId`'s sub-regions and branches, or the top regions. */
  areas(filter: ComplianceFilter): Observable<ComplianceAreas> {
    return this.http.get<ComplianceAreas>(ComplianceRoutes.areas, { params: toParams(filter) });
  }

  requirements(query: ComplianceRequirementQuery): Observable<ComplianceRequirementPage> {
    return this.http.get<ComplianceRequirementPage>(ComplianceRoutes.requirements, {
      params: toParams(query),
    });
  }

  expiring(query: ComplianceExpiringQuery): Observable<ComplianceRequirementPage> {
    return this.http.get<ComplianceRequirementPage>(ComplianceRoutes.expiring, { params: toParams(query) });
  }

  /** How many requirement rules reach the viewer's branches. */
  ruleCount(): Observable<number> {
    return this.http
      .get<ComplianceRulePage>(ComplianceRoutes.rules, { params: toParams({ pageSize: 1 }) })
      .pipe(map((page) => page.total));
  }

  /** Evidence waiting for a decision in the approver's scope (the approvals inbox's count). */
  pendingApprovals(): Observable<number> {
    return this.http
      .get<EvidencePage>(EvidenceRoutes.inbox, { params: toParams({ status: 'pending', pageSize: 1 }) })
      .pipe(map((page) => page.total));
  }

  organisation(): Observable<OrgTreeNode[]> {
    return this.http.get<OrgTreeNode[]>(`${API_V1}/organisation/tree`);
  }

  jobRoles(): Observable<JobRole[]> {
    return this.http.get<JobRole[]>(`${API_V1}/job-roles`);
  }

  credential(id: string): Observable<CredentialDetail> {
    return this.http.get<CredentialDetail>(CredentialRoutes.one(id));
  }
}
