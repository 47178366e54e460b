import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  EvidenceRoutes,
  type Evidence,
  type EvidenceCredentialOption,
  type MyEvidencePage,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** What the employee sends in: the form's fields and the chosen file. */
export interface EvidenceSubmission {
  definitionId: string;
  issuedOn: string;
  expiresOn: string | null;
  note: string | null;
  file: File;
}

/** An employee's own evidence (`/api/v1/me/evidence`: always their own, never anyone else's). */
@Injectable({ providedIn: 'root' })
export class MyEvidenceApi {
  private readonly http = inject(HttpClient);

  mine(page: number, pageSize: number): Observable<MyEvidencePage> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<MyEvidencePage>(EvidenceRoutes.mine, { params });
  }

  /** Every certificate of the catalogue one can send evidence for. */
  credentials(): Observable<EvidenceCredentialOption[]> {
    return this.http.get<EvidenceCredentialOption[]>(EvidenceRoutes.mineCredentials);
  }

  submit(submission: EvidenceSubmission): Observable<Evidence> {
    const form = new FormData();
    form.append('definitionId', submission.definitionId);
    form.append('issuedOn', submission.issuedOn);
    if (submission.expiresOn) form.append('expiresOn', submission.expiresOn);
    if (submission.note) form.append('note', submission.note);
    form.append('file', submission.file, submission.file.name);
    return this.http.post<Evidence>(EvidenceRoutes.mine, form);
  }

  withdraw(id: string): Observable<Evidence> {
    return this.http.post<Evidence>(EvidenceRoutes.withdraw(id), {});
  }
}
