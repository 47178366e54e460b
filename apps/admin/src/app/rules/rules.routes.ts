import type { Routes } from '@angular/router';
import { Permission } from '@brevet/contracts';
import { requires } from '../core/auth';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { provideComplianceIcons } from '../dashboard/compliance-icons';
import { ComplianceLookups } from '../dashboard/compliance-lookups';
import { ExemptionsPage } from './exemptions-page';
import { RuleEditorPage } from './rule-editor-page';
import { RulesPage } from './rules-page';

/** `/rules` (ComplianceRead to read, RulesWrite to change) and `/rules/exemptions` (RulesWrite). */
export default [
  {
    path: '',
    providers: [provideMaterialDefaults(), provideComplianceIcons(), ComplianceLookups],
    children: [
      { path: '', component: RulesPage, title: 'rules.title' },
      {
        path: 'new',
        component: RuleEditorPage,
        title: 'rules.form.createTitle',
        ...requires(Permission.RulesWrite),
      },
      {
        path: 'exemptions',
        component: ExemptionsPage,
        title: 'rules.exemptions.title',
        ...requires(Permission.RulesWrite),
      },
      { path: ':id', component: RuleEditorPage, title: 'rules.form.viewTitle' },
    ],
  },
] satisfies Routes;
