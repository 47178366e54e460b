import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  HrImportRoutes,
  type HrImportDetail,
  type HrImportIssuePage,
  type HrImportPage,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** Data access for HR imports: upload, watch, read the issues, apply. */
@Injectable({ providedIn: 'root' })
export class HrImportApi {
  private readonly http = inject(HttpClient);

  /** Sends the file as `multipart/form-data`; the answer comes as soon as it is stored (status `uploaded`). */
  upload(file: File, fullExport: boolean): Observable<HrImportDetail> {
    const form = new FormData();
    form.append('fullExport', String(fullExport));
    form.append('file', file, file.name);
    return this.http.post<HrImportDetail>(HrImportRoutes.list, form);
  }

  list(page: number, pageSize: number): Observable<HrImportPage> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<HrImportPage>(HrImportRoutes.list, { params });
  }

  get(id: string): Observable<HrImportDetail> {
    return this.http.get<HrImportDetail>(HrImportRoutes.one(id));
  }

  issues(id: string, page: number, pageSize: number): Observable<HrImportIssuePage> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<HrImportIssuePage>(HrImportRoutes.issues(id), { params });
  }

  apply(id: string): Observable<HrImportDetail> {
    return this.http.post<HrImportDetail>(HrImportRoutes.apply(id), {});
  }

  /** A plain link downloads it: counts and every issue, as CSV for Excel. */
  resultCsvUrl(id: string): string {
    return HrImportRoutes.resultCsv(id);
  }
}
