import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ExportRoutes, type CreateExportRequest, type ExportPage, type ExportRun } from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** Data access for exports (`/api/v1/exports`, permission `reports.export`): ask, watch, download, delete. */
@Injectable({ providedIn: 'root' })
export class ExportsApi {
  private readonly http = inject(HttpClient);

  /** Queues the export; the answer comes at once (status `queued`). */
  create(request: CreateExportRequest): Observable<ExportRun> {
    return this.http.post<ExportRun>(ExportRoutes.exports, request);
  }

  list(page: number, pageSize: number): Observable<ExportPage> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<ExportPage>(ExportRoutes.exports, { params });
  }

  get(id: string): Observable<ExportRun> {
    return this.http.get<ExportRun>(ExportRoutes.export(id));
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(ExportRoutes.export(id));
  }

  /** A plain link downloads the ready file (the browser sends the session cookie). */
  fileUrl(id: string): string {
    return ExportRoutes.file(id);
  }
}
