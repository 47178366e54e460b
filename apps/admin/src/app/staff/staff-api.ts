import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  type CreateStaffRequest,
  type JobRole,
  type OrgTreeNode,
  type StaffDetail,
  type StaffListQuery,
  type StaffPage,
  type StaffSummary,
  type UpdateStaffRequest,
} from '@brevet/contracts';
import { map, type Observable } from 'rxjs';

const STAFF = `${API_V1}/staff`;
const TREE = `${API_V1}/organisation/tree`;
const JOB_ROLES = `${API_V1}/job-roles`;

/**
 * Data access for the staff feature: the directory, a person with their history, and the lookups its
 * filters and forms need (the organisation tree for branches and regions, the job roles).
 */
@Injectable({ providedIn: 'root' })
export class StaffApi {
  private readonly http = inject(HttpClient);

  list(query: StaffListQuery): Observable<StaffPage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<StaffPage>(STAFF, { params });
  }

  /** People matching `q` (name, employee number, email) who have not left: for pickers. */
  search(q: string, limit = 8): Observable<StaffSummary[]> {
    return this.list({ q, pageSize: limit, sort: 'familyName' }).pipe(map((page) => page.items));
  }

  get(id: string): Observable<StaffDetail> {
    return this.http.get<StaffDetail>(`${STAFF}/${encodeURIComponent(id)}`);
  }

  create(request: CreateStaffRequest): Observable<StaffDetail> {
    return this.http.post<StaffDetail>(STAFF, request);
  }

  update(id: string, request: UpdateStaffRequest): Observable<StaffDetail> {
    return this.http.patch<StaffDetail>(`${STAFF}/${encodeURIComponent(id)}`, request);
  }

  organisation(): Observable<OrgTreeNode[]> {
    return this.http.get<OrgTreeNode[]>(TREE);
  }

  jobRoles(): Observable<JobRole[]> {
    return this.http.get<JobRole[]>(JOB_ROLES);
  }
}
