import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CourseRoutes,
  type AttemptResult,
  type AttemptStart,
  type LearnerCourse,
  type MyCourses,
  type UiLanguage,
  type UpdateProgressRequest,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** The signed-in person's courses (`/api/v1/me/courses`): texts in `lang`, never an answer key. */
@Injectable({ providedIn: 'root' })
export class LearnApi {
  private readonly http = inject(HttpClient);

  courses(lang: UiLanguage): Observable<MyCourses> {
    return this.http.get<MyCourses>(CourseRoutes.mine, { params: { lang } });
  }

  course(id: string, lang: UiLanguage): Observable<LearnerCourse> {
    return this.http.get<LearnerCourse>(CourseRoutes.myCourse(id), { params: { lang } });
  }

  saveProgress(id: string, request: UpdateProgressRequest, lang: UiLanguage): Observable<LearnerCourse> {
    return this.http.put<LearnerCourse>(CourseRoutes.myProgress(id), request, { params: { lang } });
  }

  /** Starts an attempt, or resumes the open one. */
  startAttempt(id: string, lang: UiLanguage): Observable<AttemptStart> {
    return this.http.post<AttemptStart>(CourseRoutes.myAttempts(id), null, { params: { lang } });
  }

  submit(id: string, attemptId: string, answers: Record<string, string[]>): Observable<AttemptResult> {
    return this.http.post<AttemptResult>(CourseRoutes.mySubmit(id, attemptId), { answers });
  }
}
