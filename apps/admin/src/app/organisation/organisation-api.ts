import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  ApiRoutes,
  type CreateJobRoleRequest,
  type CreateRegionRequest,
  type JobRole,
  type OrgTreeNode,
  type Region,
  type UpdateJobRoleRequest,
  type UpdateRegionRequest,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

const TREE = `${API_V1}/organisation/tree`;
const JOB_ROLES = `${API_V1}/job-roles`;

/** Data access for the organisation feature: the region tree, regions and job roles. */
@Injectable({ providedIn: 'root' })
export class OrganisationApi {
  private readonly http = inject(HttpClient);

  tree(): Observable<OrgTreeNode[]> {
    return this.http.get<OrgTreeNode[]>(TREE);
  }

  createRegion(request: CreateRegionRequest): Observable<Region> {
    return this.http.post<Region>(ApiRoutes.regions, request);
  }

  updateRegion(id: string, request: UpdateRegionRequest): Observable<Region> {
    return this.http.patch<Region>(`${ApiRoutes.regions}/${encodeURIComponent(id)}`, request);
  }

  jobRoles(): Observable<JobRole[]> {
    return this.http.get<JobRole[]>(JOB_ROLES);
  }

  createJobRole(request: CreateJobRoleRequest): Observable<JobRole> {
    return this.http.post<JobRole>(JOB_ROLES, request);
  }

  updateJobRole(id: string, request: UpdateJobRoleRequest): Observable<JobRole> {
    return this.http.patch<JobRole>(`${JOB_ROLES}/${encodeURIComponent(id)}`, request);
  }
}
