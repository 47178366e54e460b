import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  COURSE_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  parseSort,
  type CourseContent,
  type CourseDetail,
  type CoursePage,
} from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { VersionConflictException } from '../common/domain.exception';
import { readCourseContent } from './course-content.util';
import type { CourseListQueryDto, CreateCourseDto, UpdateCourseDto } from './course.dto';
import {
  CourseCodeTakenException,
  CourseContentInvalidException,
  CourseCredentialNotPublishedException,
  CourseCredentialUnknownException,
  CourseNotFoundException,
  CourseNothingToPublishException,
} from './course.exceptions';
import { mapCourseDetail, mapCourseSummary } from './course.mapper';
import { CourseRepository, DuplicateCourseCodeError } from './course.repository';

/**
 * Writing courses (HR admins, `CoursesManage`). Versioned like credential definitions: a create makes draft
 * version 1; an edit changes the draft, or copies the current version into a new draft when there is none;
 * publishing makes the draft current. Published versions are never written again. Every change is audited.
 */
@Injectable()
export class CoursesService {
  constructor(
    private readonly courses: CourseRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(query: CourseListQueryDto): Promise<CoursePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.courses.findPage({
      page,
      pageSize,
      sort: parseSort(query.sort || 'code', COURSE_SORT_FIELDS, 'code'),
      q: query.q || undefined,
      status: query.status,
    });
    return { items: rows.map(mapCourseSummary), total, page, pageSize };
  }

  /** One course: the draft when there is one (what an editor works on), else the current version; or `version`. */
  async get(id: string, version?: number): Promise<CourseDetail> {
    const row = await this.courses.findRow(id);
    if (!row) throw new CourseNotFoundException(id);
    const versions = await this.courses.versions(id);
    const shown =
      version !== undefined
        ? versions.find((v) => v.version === version)
        : (versions.find((v) => v.publishedAt === null) ??
          versions.find((v) => v.id === row.currentVersionId));
    if (!shown) throw new CourseNotFoundException(id);
    return mapCourseDetail(row, shown, versions);
  }

  async create(request: CreateCourseDto): Promise<CourseDetail> {
    const content = this.content(request.content);
    const id = await this.txHost.withTransaction(async () => {
      const definition = await this.courses.findDefinition(request.definitionId);
      if (!definition) throw new CourseCredentialUnknownException(request.definitionId);
      let courseId: string;
      try {
        courseId = await this.courses.insertCourse(request.code, definition.id);
      } catch (error) {
        if (error instanceof DuplicateCourseCodeError) throw new CourseCodeTakenException(request.code);
        throw error;
      }
      await this.courses.insertVersion(courseId, 1, content);
      await this.audit.record({
        action: 'course.changed',
        details: { event: 'created' },
        target: { type: 'course', id: courseId, label: request.code },
        after: { code: request.code, definitionId: definition.id, version: 1 },
      });
      return courseId;
    });
    return this.get(id);
  }

  async update(id: string, request: UpdateCourseDto): Promise<CourseDetail> {
    const content = request.content === undefined ? undefined : this.content(request.content);
    await this.txHost.withTransaction(async () => {
      const course = await this.courses.lockCourse(id);
      if (!course) throw new CourseNotFoundException(id);
      if (course.revision !== request.revision) throw new VersionConflictException('The course');
      if (request.definitionId && !(await this.courses.findDefinition(request.definitionId)))
        throw new CourseCredentialUnknownException(request.definitionId);
      let draftVersion: number | null = null;
      if (content) {
        const versions = await this.courses.versions(id);
        const draft = versions.find((v) => v.publishedAt === null);
        if (draft) {
          await this.courses.updateDraft(draft.id, content);
          draftVersion = draft.version;
        } else {
          draftVersion = (versions[0]?.version ?? 0) + 1;
          await this.courses.insertVersion(id, draftVersion, content);
        }
      }
      await this.courses.updateCourse(id, request.definitionId ? { definitionId: request.definitionId } : {});
      await this.audit.record({
        action: 'course.changed',
        details: { event: 'updated' },
        target: { type: 'course', id, label: course.code },
        before: { definitionId: course.definitionId },
        after: { definitionId: request.definitionId ?? course.definitionId, draftVersion },
      });
    });
    return this.get(id);
  }

  /** Makes the draft the current version (or restores an archived course that has no draft). */
  async publish(id: string): Promise<CourseDetail> {
    await this.txHost.withTransaction(async () => {
      const course = await this.courses.lockCourse(id);
      if (!course) throw new CourseNotFoundException(id);
      const draft = (await this.courses.versions(id)).find((v) => v.publishedAt === null);
      if (!draft && !(course.status === 'archived' && course.currentVersionId))
        throw new CourseNothingToPublishException();
      const definition = await this.courses.findDefinition(course.definitionId);
      if (!definition || definition.status !== 'published' || !definition.published)
        throw new CourseCredentialNotPublishedException(definition?.code ?? course.definitionId);
      if (draft) await this.courses.markPublished(draft.id, this.clock.now());
      await this.courses.updateCourse(id, {
        status: 'published',
        currentVersionId: draft?.id ?? course.currentVersionId,
      });
      await this.audit.record({
        action: 'course.changed',
        details: { event: 'published' },
        target: { type: 'course', id, label: course.code },
        before: { status: course.status },
        after: { status: 'published', version: draft?.version ?? null },
      });
    });
    return this.get(id);
  }

  /** Stops offering the course; progress, attempts and awards stay. */
  async archive(id: string): Promise<CourseDetail> {
    await this.txHost.withTransaction(async () => {
      const course = await this.courses.lockCourse(id);
      if (!course) throw new CourseNotFoundException(id);
      if (course.status === 'archived') return;
      await this.courses.updateCourse(id, { status: 'archived' });
      await this.audit.record({
        action: 'course.changed',
        details: { event: 'archived' },
        target: { type: 'course', id, label: course.code },
        before: { status: course.status },
        after: { status: 'archived' },
      });
    });
    return this.get(id);
  }

  private content(raw: unknown): CourseContent {
    const { content, problems } = readCourseContent(raw);
    if (!content)
      throw new CourseContentInvalidException(problems.map((p) => ({ ...p, field: `content.${p.field}` })));
    return content;
  }
}
