import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  type DigestFrequency,
  type MailMessage,
  type MailMessagePage,
  type MailMessageQuery,
  type MailTransportInfo,
  type ManagerDigestPreference,
  type ManagerDigestPreferencePage,
  type ReminderSettings,
  type ReminderSettingsView,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

const routes = {
  messages: `${API_V1}/mail/messages`,
  message: (id: string) => `${API_V1}/mail/messages/${encodeURIComponent(id)}`,
  transport: `${API_V1}/mail/transport`,
  settings: `${API_V1}/reminders/settings`,
  managers: `${API_V1}/reminders/managers`,
  manager: (userId: string) => `${API_V1}/reminders/managers/${encodeURIComponent(userId)}`,
  run: `${API_V1}/reminders/run`,
} as const;

function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [name, value] of Object.entries(query) as [string, unknown][]) {
    if (value !== undefined && value !== null && value !== '') result = result.set(name, String(value));
  }
  return result;
}

/** The mail outbox (`mail.read`) and the reminder settings (`settings.manage`): HR admins only. */
@Injectable({ providedIn: 'root' })
export class MailApi {
  private readonly http = inject(HttpClient);

  messages(query: MailMessageQuery): Observable<MailMessagePage> {
    return this.http.get<MailMessagePage>(routes.messages, { params: params(query) });
  }

  message(id: string): Observable<MailMessage> {
    return this.http.get<MailMessage>(routes.message(id));
  }

  transport(): Observable<MailTransportInfo> {
    return this.http.get<MailTransportInfo>(routes.transport);
  }

  settings(): Observable<ReminderSettingsView> {
    return this.http.get<ReminderSettingsView>(routes.settings);
  }

  saveSettings(settings: ReminderSettings): Observable<ReminderSettingsView> {
    return this.http.put<ReminderSettingsView>(routes.settings, settings);
  }

  managers(query: { q?: string; page: number; pageSize: number }): Observable<ManagerDigestPreferencePage> {
    return this.http.get<ManagerDigestPreferencePage>(routes.managers, { params: params(query) });
  }

  setManagerFrequency(
    userId: string,
    frequency: DigestFrequency | null,
  ): Observable<ManagerDigestPreference> {
    return this.http.put<ManagerDigestPreference>(routes.manager(userId), { frequency });
  }

  runNow(): Observable<{ jobId: string }> {
    return this.http.post<{ jobId: string }>(routes.run, {});
  }
}
