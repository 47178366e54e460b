import type { Routes } from '@angular/router';
import { MyCertificatesPage } from './my-certificates-page';

export default [{ path: '', component: MyCertificatesPage, title: 'nav.myCertificates' }] satisfies Routes;
