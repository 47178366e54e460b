import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  parseSort,
  TRAINING_ASSIGNMENT_SORT_FIELDS,
  type MyTraining,
  type TrainingAssignmentPage,
  type TrainingReport,
} from '@brevet/contracts';
import { ALL_BRANCHES, type Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { ComplianceService } from '../compliance/compliance.service';
import type {
  MyTrainingQueryDto,
  TrainingAssignmentQueryDto,
  TrainingReportQueryDto,
} from './training-assignment.dto';
import { mapAssignment, mapReport } from './training-assignment.mapper';
import { TrainingAssignmentRepository } from './training-assignment.repository';

/** The longest report range, as for the compliance trends. */
const MAX_REPORT_DAYS = 1096;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

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

  async report(query: TrainingReportQueryDto, actor: Actor): Promise<TrainingReport> {
    const now = this.clock.now();
    const to = query.to ?? now.toISOString().slice(0, 10);
    const from = query.from ?? addDays(to, -364);
    if (from > to) throw new ValidationFailedException([{ field: 'from', message: 'must not be after to' }]);
    if (addDays(from, MAX_REPORT_DAYS - 1) < to)
      throw new ValidationFailedException([
        { field: 'to', message: `the range may span at most ${MAX_REPORT_DAYS} days` },
      ]);
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
