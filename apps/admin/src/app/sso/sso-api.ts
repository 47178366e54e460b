import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  type AddSigningCertificateRequest,
  type CreateIdentityProviderRequest,
  type IdentityProvider,
  type IdentityProviderSummary,
  type LastAssertion,
  type MetadataSource,
  type ParsedIdpMetadata,
  type UpdateIdentityProviderRequest,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

const base = `${API_V1}/sso/identity-providers`;
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** SAML identity providers (`/api/v1/sso/identity-providers`, permission `sso.manage`). */
@Injectable({ providedIn: 'root' })
export class SsoApi {
  private readonly http = inject(HttpClient);

  list(): Observable<IdentityProviderSummary[]> {
    return this.http.get<IdentityProviderSummary[]>(base);
  }

  /** What Brevet would take from the metadata; saves nothing. */
  previewMetadata(source: MetadataSource): Observable<ParsedIdpMetadata> {
    return this.http.post<ParsedIdpMetadata>(`${base}/metadata-preview`, source);
  }

  create(request: CreateIdentityProviderRequest): Observable<IdentityProvider> {
    return this.http.post<IdentityProvider>(base, request);
  }

  /** Adds one from an uploaded metadata file (multipart, up to 1 MB). */
  upload(slug: string, displayName: string, file: File): Observable<IdentityProvider> {
    const form = new FormData();
    form.append('slug', slug);
    form.append('displayName', displayName);
    form.append('file', file, file.name);
    return this.http.post<IdentityProvider>(`${base}/upload`, form);
  }

  get(id: string): Observable<IdentityProvider> {
    return this.http.get<IdentityProvider>(one(id));
  }

  update(id: string, request: UpdateIdentityProviderRequest): Observable<IdentityProvider> {
    return this.http.patch<IdentityProvider>(one(id), request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(one(id));
  }

  addCertificate(id: string, request: AddSigningCertificateRequest): Observable<IdentityProvider> {
    return this.http.post<IdentityProvider>(`${one(id)}/signing-certificates`, request);
  }

  removeCertificate(id: string, fingerprint: string): Observable<IdentityProvider> {
    return this.http.delete<IdentityProvider>(
      `${one(id)}/signing-certificates/${encodeURIComponent(fingerprint)}`,
    );
  }

  /** Key rotation step 1: Brevet's next keys, listed in the metadata beside the current ones. */
  generateNextKeys(id: string): Observable<IdentityProvider> {
    return this.http.post<IdentityProvider>(`${one(id)}/sp-keys/next`, {});
  }

  /** Step 2: the next keys become current. */
  promoteNextKeys(id: string): Observable<IdentityProvider> {
    return this.http.post<IdentityProvider>(`${one(id)}/sp-keys/promote`, {});
  }

  /** Step 3: the previous keys are removed. */
  dropPreviousKeys(id: string): Observable<IdentityProvider> {
    return this.http.delete<IdentityProvider>(`${one(id)}/sp-keys/previous`);
  }

  lastAssertion(id: string): Observable<LastAssertion> {
    return this.http.get<LastAssertion>(`${one(id)}/last-assertion`);
  }
}
