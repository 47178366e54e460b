import type { Routes } from '@angular/router';
import { Permission } from '@brevet/contracts';
import { requires } from '../core/auth';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { MailPage } from './mail-page';
import { ReminderSettingsPage } from './reminder-settings-page';

export default [
  { path: '', component: MailPage, title: 'nav.mail', providers: [provideMaterialDefaults()] },
  {
    path: 'settings',
    ...requires(Permission.SettingsManage),
    component: ReminderSettingsPage,
    title: 'mail.settings.title',
    providers: [provideMaterialDefaults()],
  },
] satisfies Routes;
