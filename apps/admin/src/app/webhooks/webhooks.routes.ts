import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { WebhookDetailPage } from './webhook-detail-page';
import { WebhooksPage } from './webhooks-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults()],
    children: [
      { path: '', component: WebhooksPage, title: 'nav.webhooks' },
      { path: ':id', component: WebhookDetailPage, title: 'nav.webhooks' },
    ],
  },
] satisfies Routes;
