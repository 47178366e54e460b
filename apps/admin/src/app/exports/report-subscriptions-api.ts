import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ReportSubscriptionRoutes,
  type CreateReportSubscriptionRequest,
  type ReportSubscription,
  type ReportSubscriptionPage,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** Data access for scheduled reports (`/api/v1/report-subscriptions`, permission `reports.export`). */
@Injectable({ providedIn: 'root' })
export class ReportSubscriptionsApi {
  private readonly http = inject(HttpClient);

  list(page: number, pageSize: number): Observable<ReportSubscriptionPage> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<ReportSubscriptionPage>(ReportSubscriptionRoutes.subscriptions, { params });
  }

  create(request: CreateReportSubscriptionRequest): Observable<ReportSubscription> {
    return this.http.post<ReportSubscription>(ReportSubscriptionRoutes.subscriptions, request);
  }

  setPaused(id: string, paused: boolean): Observable<ReportSubscription> {
    return this.http.patch<ReportSubscription>(ReportSubscriptionRoutes.subscription(id), { paused });
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(ReportSubscriptionRoutes.subscription(id));
  }
}
