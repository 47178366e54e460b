import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiRoutes,
  type Branch,
  type BranchListQuery,
  type BranchPage,
  type CreateBranchRequest,
  type Region,
  type UpdateBranchRequest,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/**
 * Data access for the branches feature. Returns contract types; failures arrive as `ApiError` with the
 * problem+json document (see `core/http`).
 */
@Injectable({ providedIn: 'root' })
export class BranchesApi {
  private readonly http = inject(HttpClient);

  list(query: BranchListQuery): Observable<BranchPage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<BranchPage>(ApiRoutes.branches, { params });
  }

  create(request: CreateBranchRequest): Observable<Branch> {
    return this.http.post<Branch>(ApiRoutes.branches, request);
  }

  update(id: string, request: UpdateBranchRequest): Observable<Branch> {
    return this.http.patch<Branch>(ApiRoutes.branch(id), request);
  }

  archive(id: string): Observable<Branch> {
    return this.http.post<Branch>(ApiRoutes.branchArchive(id), {});
  }

  restore(id: string): Observable<Branch> {
    return this.http.post<Branch>(ApiRoutes.branchRestore(id), {});
  }

  regions(): Observable<Region[]> {
    return this.http.get<Region[]>(ApiRoutes.regions);
  }
}
