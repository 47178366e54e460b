import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AwardRoutes,
  type Award,
  type AwardBatchResult,
  type AwardListQuery,
  type AwardPage,
  type AwardPreview,
  type BulkAwardRequest,
  type IssueAwardRequest,
  type RenewAwardRequest,
  type RevokeAwardRequest,
  type StaffCredentials,
} from '@brevet/contracts';
import { map, type Observable } from 'rxjs';

export interface IssuedAward {
  award: Award;
  created: boolean;
}

function issued(response: HttpResponse<Award>): IssuedAward {
  return { award: response.body as Award, created: response.status === 201 };
}

/** Data access for awards: the list, one award, issuing (one, a roster, a CSV file), revoking and renewing. */
@Injectable({ providedIn: 'root' })
export class AwardsApi {
  private readonly http = inject(HttpClient);

  list(query: AwardListQuery): Observable<AwardPage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<AwardPage>(AwardRoutes.list, { params });
  }

  get(id: string): Observable<Award> {
    return this.http.get<Award>(AwardRoutes.one(id));
  }

  /** What issuing would give, and why; nothing is saved. */
  preview(staffId: string, definitionId: string, completedOn: string): Observable<AwardPreview> {
    const params = new HttpParams()
      .set('staffId', staffId)
      .set('definitionId', definitionId)
      .set('completedOn', completedOn);
    return this.http.get<AwardPreview>(AwardRoutes.preview, { params });
  }

  /** `created` is false when this completion was already recorded (the API answers 200 with that award). */
  issue(request: IssueAwardRequest): Observable<IssuedAward> {
    return this.http.post<Award>(AwardRoutes.list, request, { observe: 'response' }).pipe(map(issued));
  }

  renew(id: string, request: RenewAwardRequest): Observable<IssuedAward> {
    return this.http.post<Award>(AwardRoutes.renew(id), request, { observe: 'response' }).pipe(map(issued));
  }

  revoke(id: string, request: RevokeAwardRequest): Observable<Award> {
    return this.http.post<Award>(AwardRoutes.revoke(id), request);
  }

  bulk(request: BulkAwardRequest): Observable<AwardBatchResult> {
    return this.http.post<AwardBatchResult>(AwardRoutes.bulk, request);
  }

  /** A CSV file of awards: checked only (`dryRun`) or applied, all or nothing. */
  importFile(file: File, issuer: string, dryRun: boolean): Observable<AwardBatchResult> {
    const body = new FormData();
    body.set('issuer', issuer);
    body.set('dryRun', String(dryRun));
    body.set('file', file, file.name);
    return this.http.post<AwardBatchResult>(AwardRoutes.import, body);
  }

  staffCredentials(staffId: string): Observable<StaffCredentials> {
    return this.http.get<StaffCredentials>(AwardRoutes.staffCredentials(staffId));
  }
}
