import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ScimAdminRoutes,
  type CreateScimTokenRequest,
  type CreatedScimToken,
  type ScimMappingSettings,
  type ScimTokenSummary,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** Data access for SCIM provisioning (`/api/v1/scim`, permission `scim.manage`: HR admins). */
@Injectable({ providedIn: 'root' })
export class ScimApi {
  private readonly http = inject(HttpClient);

  /** Every token, newest first; never a secret. */
  tokens(): Observable<ScimTokenSummary[]> {
    return this.http.get<ScimTokenSummary[]>(ScimAdminRoutes.tokens);
  }

  /** The answer holds the secret: the only time it is ever shown. */
  createToken(request: CreateScimTokenRequest): Observable<CreatedScimToken> {
    return this.http.post<CreatedScimToken>(ScimAdminRoutes.tokens, request);
  }

  revokeToken(id: string): Observable<ScimTokenSummary> {
    return this.http.post<ScimTokenSummary>(ScimAdminRoutes.tokenRevoke(id), {});
  }

  settings(): Observable<ScimMappingSettings> {
    return this.http.get<ScimMappingSettings>(ScimAdminRoutes.settings);
  }

  saveSettings(settings: ScimMappingSettings): Observable<ScimMappingSettings> {
    return this.http.put<ScimMappingSettings>(ScimAdminRoutes.settings, settings);
  }
}
