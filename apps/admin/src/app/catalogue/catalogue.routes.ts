import type { Routes } from '@angular/router';
import { Permission } from '@brevet/contracts';
import { requires } from '../core/auth';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { CataloguePage } from './catalogue-page';
import { CredentialEditor } from './credential-editor';
import { CredentialPage } from './credential-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults()],
    children: [
      { path: '', component: CataloguePage, title: 'nav.catalogue' },
      {
        path: 'new',
        ...requires(Permission.CatalogueWrite),
        component: CredentialEditor,
        title: 'catalogue.editor.createTitle',
      },
      { path: ':id', component: CredentialPage, title: 'catalogue.definitionTitle' },
      {
        path: ':id/edit',
        ...requires(Permission.CatalogueWrite),
        component: CredentialEditor,
        title: 'catalogue.editor.editTitle',
      },
    ],
  },
] satisfies Routes;
