import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CredentialRoutes,
  type CreateCredentialRequest,
  type CredentialDetail,
  type CredentialListQuery,
  type CredentialPage,
  type CredentialSummary,
  type UpdateCredentialRequest,
} from '@brevet/contracts';
import { map, type Observable } from 'rxjs';

/** Data access for the credential catalogue: the list, one definition with its versions, and its changes. */
@Injectable({ providedIn: 'root' })
export class CatalogueApi {
  private readonly http = inject(HttpClient);

  list(query: CredentialListQuery): Observable<CredentialPage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<CredentialPage>(CredentialRoutes.list, { params });
  }

  /** Definitions matching `q` (code, titles, awarding body), for pickers; published ones only by default. */
  search(
    q: string,
    status: CredentialListQuery['status'] = 'published',
    limit = 20,
  ): Observable<CredentialSummary[]> {
    return this.list({ q: q || undefined, status, pageSize: limit, sort: 'code' }).pipe(
      map((page) => page.items),
    );
  }

  get(id: string): Observable<CredentialDetail> {
    return this.http.get<CredentialDetail>(CredentialRoutes.one(id));
  }

  create(request: CreateCredentialRequest): Observable<CredentialDetail> {
    return this.http.post<CredentialDetail>(CredentialRoutes.list, request);
  }

  update(id: string, request: UpdateCredentialRequest): Observable<CredentialDetail> {
    return this.http.patch<CredentialDetail>(CredentialRoutes.one(id), request);
  }

  publish(id: string): Observable<CredentialDetail> {
    return this.http.post<CredentialDetail>(CredentialRoutes.publish(id), {});
  }

  archive(id: string): Observable<CredentialDetail> {
    return this.http.post<CredentialDetail>(CredentialRoutes.archive(id), {});
  }

  /** Sets the draft's badge: the PNG itself is the request body. */
  uploadBadge(id: string, image: Blob): Observable<CredentialDetail> {
    return this.http.put<CredentialDetail>(CredentialRoutes.badge(id), image, {
      headers: { 'Content-Type': 'image/png' },
    });
  }

  /** Where the browser loads a badge from (same origin, so the session cookie goes along). */
  badgeUrl(id: string, version?: number): string {
    return CredentialRoutes.badge(id, version);
  }
}
