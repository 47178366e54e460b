import type { CourseStatus, CourseVersionStatus, QuestionKind } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

export const COURSE_STATUS_LOOK: Record<CourseStatus, { label: TranslationKey; tone: string }> = {
  draft: { label: 'courses.status.draft', tone: '' },
  published: { label: 'courses.status.published', tone: 'success' },
  archived: { label: 'courses.status.archived', tone: 'warning' },
};

export const VERSION_STATUS_LABEL: Record<CourseVersionStatus, TranslationKey> = {
  draft: 'courses.versionStatus.draft',
  current: 'courses.versionStatus.current',
  retired: 'courses.versionStatus.retired',
};

export const KIND_LABEL: Record<QuestionKind, TranslationKey> = {
  single: 'courses.kind.single',
  multiple: 'courses.kind.multiple',
};
