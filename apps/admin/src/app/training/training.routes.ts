import type { Routes } from '@angular/router';
import { TrainingPage } from './training-page';

export default [{ path: '', component: TrainingPage, title: 'training.title' }] satisfies Routes;
