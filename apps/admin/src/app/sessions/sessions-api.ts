import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiRoutes,
  CredentialRoutes,
  TrainingSessionRoutes,
  type CreateTrainingSessionRequest,
  type CredentialPage,
  type EnrolResult,
  type IssueCertificatesResult,
  type MyTrainingSessions,
  type Branch,
  type Page,
  type RecordAttendanceRequest,
  type SessionStaffOption,
  type TrainingSessionDetail,
  type TrainingSessionListQuery,
  type TrainingSessionPage,
  type UpdateTrainingSessionRequest,
} from '@brevet/contracts';
import { map, type Observable } from 'rxjs';

/**
 * On-site training sessions (`/api/v1/training-sessions`, `/api/v1/me/training-sessions`). The API applies
 * the scope and decides who may do what (`allowed` on each session); this only asks.
 */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly http = inject(HttpClient);

  list(query: TrainingSessionListQuery): Observable<TrainingSessionPage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query) as [string, unknown][]) {
      if (value !== undefined && value !== null && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<TrainingSessionPage>(TrainingSessionRoutes.list, { params });
  }

  get(id: string): Observable<TrainingSessionDetail> {
    return this.http.get<TrainingSessionDetail>(TrainingSessionRoutes.one(id));
  }

  create(request: CreateTrainingSessionRequest): Observable<TrainingSessionDetail> {
    return this.http.post<TrainingSessionDetail>(TrainingSessionRoutes.list, request);
  }

  update(id: string, request: UpdateTrainingSessionRequest): Observable<TrainingSessionDetail> {
    return this.http.patch<TrainingSessionDetail>(TrainingSessionRoutes.one(id), request);
  }

  cancel(id: string): Observable<TrainingSessionDetail> {
    return this.http.post<TrainingSessionDetail>(TrainingSessionRoutes.cancel(id), {});
  }

  enrol(id: string, staffIds: string[]): Observable<EnrolResult[]> {
    return this.http.post<EnrolResult[]>(TrainingSessionRoutes.enrolments(id), { staffIds });
  }

  cancelEnrolment(id: string, staffId: string): Observable<TrainingSessionDetail> {
    return this.http.delete<TrainingSessionDetail>(TrainingSessionRoutes.enrolment(id, staffId));
  }

  recordAttendance(id: string, request: RecordAttendanceRequest): Observable<TrainingSessionDetail> {
    return this.http.put<TrainingSessionDetail>(TrainingSessionRoutes.attendance(id), request);
  }

  issueCertificates(id: string): Observable<IssueCertificatesResult> {
    return this.http.post<IssueCertificatesResult>(TrainingSessionRoutes.issueCertificates(id), {});
  }

  /** Active people of the caller's branches: instructors and staff to enrol. */
  people(q: string): Observable<SessionStaffOption[]> {
    const params = q ? new HttpParams().set('q', q) : undefined;
    return this.http.get<SessionStaffOption[]>(TrainingSessionRoutes.people, { params });
  }

  mine(): Observable<MyTrainingSessions> {
    return this.http.get<MyTrainingSessions>(TrainingSessionRoutes.mine);
  }

  enrolSelf(id: string): Observable<TrainingSessionDetail> {
    return this.http.post<TrainingSessionDetail>(TrainingSessionRoutes.enrolSelf(id), {});
  }

  cancelSelf(id: string): Observable<TrainingSessionDetail> {
    return this.http.post<TrainingSessionDetail>(TrainingSessionRoutes.cancelSelf(id), {});
  }

  /** The active branches in the caller's scope (with their zone and address), for the filter and the dialog. */
  branches(): Observable<Branch[]> {
    const params = new HttpParams().set('status', 'active').set('pageSize', 100).set('sort', 'name');
    return this.http.get<Page<Branch>>(ApiRoutes.branches, { params }).pipe(map((page) => page.items));
  }

  /** Published credentials, for the filter and the dialog. */
  credentials(): Observable<Array<{ id: string; code: string; title: { en: string; de: string } }>> {
    const params = new HttpParams().set('status', 'published').set('pageSize', 100).set('sort', 'code');
    return this.http
      .get<CredentialPage>(CredentialRoutes.list, { params })
      .pipe(
        map((page) =>
          page.items.map((c) => ({ id: c.id, code: c.code, title: c.title as { en: string; de: string } })),
        ),
      );
  }
}
