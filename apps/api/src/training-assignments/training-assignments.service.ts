import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  parseSort,
  STAFF_COURSE_PROGRESS_SORT_FIELDS,
  TRAINING_ASSIGNMENT_SORT_FIELDS,
  type MyTraining,
  type StaffCourseProgressPage,
  type TrainingAssignmentPage,
  type TrainingReport,
} from '@brevet/contracts';
import { ALL_BRANCHES, type Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { ComplianceService } from '../compliance/compliance.service';
import type {
  MyTrainingQueryDto,
  StaffCourseProgressQueryDto,
  TrainingAssignmentQueryDto,
  TrainingReportQueryDto,
} from './training-assignment.dto';
import { mapAssignment, mapReport, mapStaffCourseProgress } from './training-assignment.mapper';
import { TrainingAssignmentRepository } from './training-assignment.repository';
import { trainingReportRange, trainingReportRangeErrors } from './training-report-range.util';

/**
 * Who should train for what, derived from the compliance rules and never stored (docs/training-assignments.md):
 * the open requirements of the compliance engine — caught up first, exactly as ComplianceService does before
 * its drill-down — with the course and sessions offered for each. Plus the training report.
 */
@Injectable()
export class TrainingAssignmentsService {
  constructor(
    private readonly repository: TrainingAssignmentRepository,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  /** The signed-in person's own assignments; none for an account without a staff record. */
  async mine(query: MyTrainingQueryDto, actor: Actor): Promise<MyTraining> {
    const now = this.clock.now();
    if (actor.staffId === null) return { asOf: now.toISOString(), staffId: null, items: [] };
    await this.compliance.catchUp(now, false);
    const { rows } = await this.repository.openRequirementsWithOffers({
      // Own data: the person's row only, wherever their branch is.
      scope: ALL_BRANCHES,
      staffId: actor.staffId,
      now,
      lang: query.lang ?? actor.language ?? 'en',
      sort: { field: 'dueBy', direction: 'asc' },
    });
    return { asOf: now.toISOString(), staffId: actor.staffId, items: rows.map(mapAssignment) };
  }

  /** People × open requirement × offer × standing, within the viewer's branches (in the SQL). */
  async assignments(query: TrainingAssignmentQueryDto, actor: Actor): Promise<TrainingAssignmentPage> {
    const now = this.clock.now();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    await this.compliance.catchUp(now, false);
    const { rows, total } = await this.repository.openRequirementsWithOffers({
      scope: actor.scope,
      now,
      lang: query.lang ?? actor.language ?? 'en',
      branchId: query.branchId,
      statuses: query.status,
      sort: parseSort(query.sort, TRAINING_ASSIGNMENT_SORT_FIELDS, 'dueBy'),
      page: { page, pageSize },
    });
    return { asOf: now.toISOString(), items: rows.map(mapAssignment), total, page, pageSize };
  }

  /** Course progress of the people in the viewer's branches (scope in the SQL): assigned or begun courses. */
  async progress(query: StaffCourseProgressQueryDto, actor: Actor): Promise<StaffCourseProgressPage> {
    const now = this.clock.now();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    await this.compliance.catchUp(now, false);
    const { rows, total } = await this.repository.staffCourseProgress({
      scope: actor.scope,
      now,
      lang: query.lang ?? actor.language ?? 'en',
      branchId: query.branchId,
      courseId: query.courseId,
      states: query.state,
      sort: parseSort(query.sort, STAFF_COURSE_PROGRESS_SORT_FIELDS, 'name'),
      page: { page, pageSize },
    });
    return { items: rows.map(mapStaffCourseProgress), total, page, pageSize };
  }

  async report(query: TrainingReportQueryDto, actor: Actor): Promise<TrainingReport> {
    const now = this.clock.now();
    const { from, to } = trainingReportRange(query, now);
    const errors = trainingReportRangeErrors({ from, to });
    if (errors.length > 0) throw new ValidationFailedException(errors);
    const rows = await this.repository.trainingReport({
      scope: actor.scope,
      now,
      lang: query.lang ?? actor.language ?? 'en',
      from,
      to,
      branchId: query.branchId,
    });
    return mapReport(rows, from, to);
  }
}
