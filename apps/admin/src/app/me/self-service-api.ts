import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  SelfServiceRoutes,
  type IssuedCredential,
  type MyCredential,
  type MyCredentials,
  type MyProfile,
  type MyRequirements,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** The signed-in person's own record and certificates (`/api/v1/me/...`: no IDs, only ever their own). */
@Injectable({ providedIn: 'root' })
export class SelfServiceApi {
  private readonly http = inject(HttpClient);

  profile(): Observable<MyProfile> {
    return this.http.get<MyProfile>(SelfServiceRoutes.profile);
  }

  credentials(): Observable<MyCredentials> {
    return this.http.get<MyCredentials>(SelfServiceRoutes.credentials);
  }

  /** What the person must obtain and by when, most urgent first. */
  requirements(): Observable<MyRequirements> {
    return this.http.get<MyRequirements>(SelfServiceRoutes.requirements);
  }

  /** The signed Open Badges 3.0 credential of one of their awards. */
  openBadge(credential: MyCredential): Observable<IssuedCredential> {
    return this.http.get<IssuedCredential>(credential.links.openBadge);
  }
}
