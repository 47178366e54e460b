import type { Routes } from '@angular/router';
import { MyCoursesPage } from './my-courses-page';

export default [
  { path: '', component: MyCoursesPage, title: 'learn.title' },
  {
    path: ':id',
    loadComponent: () => import('./lesson-reader-page').then((m) => m.LessonReaderPage),
    title: 'learn.title',
  },
  {
    path: ':id/assessment',
    loadComponent: () => import('./assessment-page').then((m) => m.AssessmentPage),
    title: 'learn.assessment.title',
  },
] satisfies Routes;
