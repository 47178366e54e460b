import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CourseRoutes,
  type CourseDetail,
  type CourseListQuery,
  type CoursePage,
  type CreateCourseRequest,
  type UpdateCourseRequest,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** Writing courses (HR admins): these answers carry the answer key. */
@Injectable({ providedIn: 'root' })
export class CoursesApi {
  private readonly http = inject(HttpClient);

  list(query: CourseListQuery): Observable<CoursePage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    return this.http.get<CoursePage>(CourseRoutes.list, { params });
  }

  get(id: string, version?: number): Observable<CourseDetail> {
    const params = version ? new HttpParams().set('version', version) : undefined;
    return this.http.get<CourseDetail>(CourseRoutes.one(id), { params });
  }

  create(request: CreateCourseRequest): Observable<CourseDetail> {
    return this.http.post<CourseDetail>(CourseRoutes.list, request);
  }

  update(id: string, request: UpdateCourseRequest): Observable<CourseDetail> {
    return this.http.patch<CourseDetail>(CourseRoutes.one(id), request);
  }

  publish(id: string): Observable<CourseDetail> {
    return this.http.post<CourseDetail>(CourseRoutes.publish(id), null);
  }

  archive(id: string): Observable<CourseDetail> {
    return this.http.post<CourseDetail>(CourseRoutes.archive(id), null);
  }
}
