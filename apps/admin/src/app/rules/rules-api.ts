import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  ComplianceRoutes,
  CredentialRoutes,
  type ComplianceExemption,
  type ComplianceExemptionListQuery,
  type ComplianceExemptionPage,
  type ComplianceImpact,
  type ComplianceImpactRequest,
  type ComplianceRule,
  type ComplianceRuleListQuery,
  type ComplianceRulePage,
  type CreateComplianceExemptionRequest,
  type CreateComplianceRuleRequest,
  type CredentialPage,
  type CredentialSummary,
  type JobRole,
  type OrgTreeNode,
  type StaffPage,
  type StaffSummary,
  type UpdateComplianceExemptionRequest,
  type UpdateComplianceRuleRequest,
} from '@brevet/contracts';
import { map, type Observable } from 'rxjs';
import { toParams } from '../dashboard/compliance-api';

/**
 * Data access for requirement rules and exemptions, with the impact preview, and the look-ups their forms need:
 * credentials from the catalogue, people from the staff directory, the organisation tree and the job roles.
 */
@Injectable({ providedIn: 'root' })
export class RulesApi {
  private readonly http = inject(HttpClient);

  list(query: ComplianceRuleListQuery): Observable<ComplianceRulePage> {
    return this.http.get<ComplianceRulePage>(ComplianceRoutes.rules, { params: toParams(query) });
  }

  get(id: string): Observable<ComplianceRule> {
    return this.http.get<ComplianceRule>(ComplianceRoutes.rule(id));
  }

  create(request: CreateComplianceRuleRequest): Observable<ComplianceRule> {
    return this.http.post<ComplianceRule>(ComplianceRoutes.rules, request);
  }

  update(id: string, request: UpdateComplianceRuleRequest): Observable<ComplianceRule> {
    return this.http.patch<ComplianceRule>(ComplianceRoutes.rule(id), request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(ComplianceRoutes.rule(id));
  }

  /** What saving would do; nothing is saved. */
  impact(request: ComplianceImpactRequest): Observable<ComplianceImpact> {
    return this.http.post<ComplianceImpact>(ComplianceRoutes.impact, request);
  }

  exemptions(query: ComplianceExemptionListQuery): Observable<ComplianceExemptionPage> {
    return this.http.get<ComplianceExemptionPage>(ComplianceRoutes.exemptions, { params: toParams(query) });
  }

  createExemption(request: CreateComplianceExemptionRequest): Observable<ComplianceExemption> {
    return this.http.post<ComplianceExemption>(ComplianceRoutes.exemptions, request);
  }

  updateExemption(id: string, request: UpdateComplianceExemptionRequest): Observable<ComplianceExemption> {
    return this.http.patch<ComplianceExemption>(ComplianceRoutes.exemption(id), request);
  }

  removeExemption(id: string): Observable<void> {
    return this.http.delete<void>(ComplianceRoutes.exemption(id));
  }

  /** Credentials matching `q` (code or title) that a rule may still name: not archived. */
  searchCredentials(q: string, limit = 10): Observable<CredentialSummary[]> {
    return this.http
      .get<CredentialPage>(CredentialRoutes.list, { params: toParams({ q, pageSize: limit, sort: 'code' }) })
      .pipe(map((page) => page.items.filter((c) => c.status !== 'archived')));
  }

  /** People matching `q` (name, employee number, email) who have not left. */
  searchStaff(q: string, limit = 8): Observable<StaffSummary[]> {
    return this.http
      .get<StaffPage>(`${API_V1}/staff`, { params: toParams({ q, pageSize: limit, sort: 'familyName' }) })
      .pipe(map((page) => page.items));
  }

  organisation(): Observable<OrgTreeNode[]> {
    return this.http.get<OrgTreeNode[]>(`${API_V1}/organisation/tree`);
  }

  jobRoles(): Observable<JobRole[]> {
    return this.http.get<JobRole[]>(`${API_V1}/job-roles`);
  }
}
