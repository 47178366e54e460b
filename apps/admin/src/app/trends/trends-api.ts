import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ComplianceRoutes, type ComplianceTrend, type ComplianceTrendQuery } from '@brevet/contracts';
import type { Observable } from 'rxjs';

/**
 * Compliance over time (`GET /api/v1/compliance/trends`, permission ComplianceRead): the daily snapshots summed
 * over the branches the viewer may see. Without `from`/`to` the API answers the last year up to the last
 * computed day; `granularity: 'week'` gives one point per week.
 */
@Injectable({ providedIn: 'root' })
export class TrendsApi {
  private readonly http = inject(HttpClient);

  trend(query: ComplianceTrendQuery = {}): Observable<ComplianceTrend> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query) as Array<[string, unknown]>) {
      if (value !== undefined && value !== null && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<ComplianceTrend>(ComplianceRoutes.trends, { params });
  }
}
