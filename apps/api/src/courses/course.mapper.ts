import type {
  AttemptQuestion,
  CourseDetail,
  CourseQuestion,
  CourseSummary,
  CourseVersionSummary,
  LocalizedText,
  UiLanguage,
} from '@brevet/contracts';
import type { CourseRow, VersionRow } from './course.repository';

export function pick(text: LocalizedText, language: UiLanguage): string {
  return text[language]?.trim() ? text[language] : text.en;
}

export function mapCourseSummary(row: CourseRow): CourseSummary {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    title: row.title,
    credential: {
      id: row.definitionId,
      code: row.definitionCode,
      status: row.definitionStatus,
      title: row.definitionTitle,
    },
    currentVersion: row.currentVersion,
    draftVersion: row.draftVersion,
    lessonCount: row.lessonCount,
    questionCount: row.questionCount,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function mapVersionSummary(
  version: VersionRow,
  currentVersionId: string | null,
): CourseVersionSummary {
  return {
    id: version.id,
    version: version.version,
    status: version.publishedAt === null ? 'draft' : version.id === currentVersionId ? 'current' : 'retired',
    publishedAt: version.publishedAt?.toISOString() ?? null,
  };
}

/** The HR view: the shown version's whole content, answer key included (`CoursesManage` only). */
export function mapCourseDetail(row: CourseRow, shown: VersionRow, versions: VersionRow[]): CourseDetail {
  return {
    ...mapCourseSummary(row),
    version: mapVersionSummary(shown, row.currentVersionId),
    content: shown.content,
    versions: versions.map((v) => mapVersionSummary(v, row.currentVersionId)),
  };
}

/**
 * A drawn question for the learner. Built field by field from the allowed ones, so the answer key (`correct`)
 * cannot slip through by spreading the stored option.
 */
export function mapAttemptQuestion(question: CourseQuestion, language: UiLanguage): AttemptQuestion {
  return {
    id: question.id,
    kind: question.kind,
    prompt: pick(question.prompt, language),
    options: question.options.map((o) => ({ id: o.id, text: pick(o.text, language) })),
  };
}
