import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { MyCertificatesPage } from './my-certificates-page';

export default [
  { path: '', component: MyCertificatesPage, title: 'nav.myCertificates' },
  {
    path: 'evidence',
    loadComponent: () => import('./evidence-upload-page').then((m) => m.EvidenceUploadPage),
    title: 'evidence.title',
    providers: [provideMaterialDefaults()],
  },
] satisfies Routes;
