import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  TrainingRoutes,
  type MyTraining,
  type StaffCourseProgressPage,
  type TrainingAssignmentPage,
  type TrainingReport,
  type UiLanguage,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

export interface AssignmentListRequest {
  branchId?: string;
  status?: string;
  page: number;
  pageSize: number;
  sort?: string;
  lang: UiLanguage;
}

/** Training assignments (from the compliance rules) and the training report. */
@Injectable({ providedIn: 'root' })
export class TrainingApi {
  private readonly http = inject(HttpClient);

  mine(lang: UiLanguage): Observable<MyTraining> {
    return this.http.get<MyTraining>(TrainingRoutes.mine, { params: { lang } });
  }

  assignments(request: AssignmentListRequest): Observable<TrainingAssignmentPage> {
    let params = new HttpParams()
      .set('page', request.page)
      .set('pageSize', request.pageSize)
      .set('lang', request.lang);
    if (request.branchId) params = params.set('branchId', request.branchId);
    if (request.status) params = params.set('status', request.status);
    if (request.sort) params = params.set('sort', request.sort);
    return this.http.get<TrainingAssignmentPage>(TrainingRoutes.assignments, { params });
  }

  /** The course progress of the people in one's branches. */
  progress(request: {
    branchId?: string;
    courseId?: string;
    state?: string;
    page: number;
    pageSize: number;
    sort?: string;
    lang: UiLanguage;
  }): Observable<StaffCourseProgressPage> {
    let params = new HttpParams()
      .set('page', request.page)
      .set('pageSize', request.pageSize)
      .set('lang', request.lang);
    if (request.branchId) params = params.set('branchId', request.branchId);
    if (request.courseId) params = params.set('courseId', request.courseId);
    if (request.state) params = params.set('state', request.state);
    if (request.sort) params = params.set('sort', request.sort);
    return this.http.get<StaffCourseProgressPage>(TrainingRoutes.progress, { params });
  }

  report(request: {
    from?: string;
    to?: string;
    branchId?: string;
    lang: UiLanguage;
  }): Observable<TrainingReport> {
    let params = new HttpParams().set('lang', request.lang);
    if (request.from) params = params.set('from', request.from);
    if (request.to) params = params.set('to', request.to);
    if (request.branchId) params = params.set('branchId', request.branchId);
    return this.http.get<TrainingReport>(TrainingRoutes.report, { params });
  }
}
