import type { Routes } from '@angular/router';
import { provideMaterialDefaults } from '../core/ui/material-defaults';
import { CourseEditorPage } from './course-editor-page';
import { CourseListPage } from './course-list-page';
import { CoursePage } from './course-page';

export default [
  {
    path: '',
    providers: [provideMaterialDefaults()],
    children: [
      { path: '', component: CourseListPage, title: 'courses.title' },
      { path: 'new', component: CourseEditorPage, title: 'courses.editor.titleNew' },
      { path: ':id', component: CoursePage, title: 'courses.title' },
      { path: ':id/edit', component: CourseEditorPage, title: 'courses.edit' },
    ],
  },
] satisfies Routes;
