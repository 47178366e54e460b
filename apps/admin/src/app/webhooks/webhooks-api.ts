import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  WebhookRoutes,
  type CreateWebhookEndpointRequest,
  type UpdateWebhookEndpointRequest,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/** Data access for webhooks (`/api/v1/webhooks`, permission `webhooks.manage`: HR admins). */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<WebhookEndpoint[]> {
    return this.http.get<WebhookEndpoint[]>(WebhookRoutes.endpoints);
  }

  get(id: string): Observable<WebhookEndpoint> {
    return this.http.get<WebhookEndpoint>(WebhookRoutes.endpoint(id));
  }

  /** The answer holds the secret: the only time it is shown. */
  create(request: CreateWebhookEndpointRequest): Observable<WebhookEndpointWithSecret> {
    return this.http.post<WebhookEndpointWithSecret>(WebhookRoutes.endpoints, request);
  }

  update(id: string, request: UpdateWebhookEndpointRequest): Observable<WebhookEndpoint> {
    return this.http.patch<WebhookEndpoint>(WebhookRoutes.endpoint(id), request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(WebhookRoutes.endpoint(id));
  }

  rotateSecret(id: string): Observable<WebhookEndpointWithSecret> {
    return this.http.post<WebhookEndpointWithSecret>(WebhookRoutes.rotateSecret(id), {});
  }

  sendTest(id: string): Observable<{ deliveryId: string }> {
    return this.http.post<{ deliveryId: string }>(WebhookRoutes.test(id), {});
  }

  deliveries(id: string, page: number, pageSize: number): Observable<WebhookDeliveryPage> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<WebhookDeliveryPage>(WebhookRoutes.deliveries(id), { params });
  }

  redeliver(id: string, deliveryId: string): Observable<{ deliveryId: string }> {
    return this.http.post<{ deliveryId: string }>(WebhookRoutes.redeliver(id, deliveryId), {});
  }
}
