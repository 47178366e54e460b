import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_V1, type JobsOverview } from '@brevet/contracts';
import type { Observable } from 'rxjs';

const routes = {
  overview: `${API_V1}/jobs`,
  job: (queue: string, id: string) => `${API_V1}/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(id)}`,
} as const;

/** The jobs page (`jobs.manage`, HR admins): queue counts, outbox backlog, failed jobs. */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<JobsOverview> {
    return this.http.get<JobsOverview>(routes.overview);
  }

  retry(queue: string, id: string): Observable<void> {
    return this.http.post<void>(`${routes.job(queue, id)}/retry`, {});
  }

  remove(queue: string, id: string): Observable<void> {
    return this.http.delete<void>(routes.job(queue, id));
  }
}
