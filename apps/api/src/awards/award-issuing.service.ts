import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  AWARD_BATCH_MAX_ISSUES,
  AwardIssueCode,
  type AssessmentResult,
  type AwardBatchIssue,
  type AwardBatchItem,
  type AwardBatchResult,
  type AwardSource,
  type RenewalCountsFrom,
  type RenewalPreview,
  type RenewalTiming,
} from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { ValidationFailedException, type DomainException } from '../common/domain.exception';
import { validityOf } from '../credentials/credential.mapper';
import { CredentialRepository, type DefinitionWithCurrent } from '../credentials/credential.repository';
import { planCompletions, type CompletionPlan } from './award-plan.util';
import {
  AwardCompletedInFutureException,
  AwardCredentialNotPublishedException,
  AwardCredentialUnknownException,
  AwardNewerAwardExistsException,
  AwardStaffLeftException,
  AwardStaffUnknownException,
} from './award.exceptions';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { AwardRepository, type AwardFactsRow, type IssuingStaff, type NewAward } from './award.repository';

/** One completion to record, from a request, a roster position or a CSV row. */
export interface AwardCandidate {
  /** Position in a roster (0-based). */
  index: number | null;
  /** Spreadsheet row of a CSV file. */
  row: number | null;
  staff: { id: string } | { employeeNumber: string };
  definition: { id: string } | { code: string };
  completedOn: string;
  assessmentResult: AssessmentResult | null;
  evidenceId: string | null;
  /** Column names for issues (CSV headers as written). */
  columns?: { staff?: string; credential?: string; completedOn?: string };
}

export interface IssueOptions {
  source: AwardSource;
  issuer: string;
  /** Check and plan only. */
  dryRun: boolean;
  /** Issue again on a day whose award was revoked: allowed one by one, refused in batches. */
  allowRevokedDay: boolean;
}

/** A problem with one candidate: as an issue for batches, as an exception for single requests. */
interface Problem {
  candidate: AwardCandidate;
  issue: AwardBatchIssue;
  exception: () => DomainException;
}

/** What was planned for one candidate, with the domain's full explanation (for previews). */
export interface PlannedCandidate {
  candidate: AwardCandidate;
  outcome: 'issue' | 'renew' | 'unchanged';
  renewal: RenewalPreview;
  /** The award it renews (or, when unchanged, the award already recording it). */
  relatedAwardId: string | null;
  awardId: string;
  version: { id: string; number: number };
}

export interface PreparedBatch {
  result: AwardBatchResult;
  problems: Problem[];
  planned: PlannedCandidate[];
}

/**
 * Issuing, renewing and importing awards: one engine for one award, a roster and a CSV file. Everything is
 * checked and planned first (people, credentials, dates, duplicates, the person's existing awards under an
 * advisory lock per person and credential); only a batch without errors is written, in one transaction with
 * three set-based statements. Dry runs stop after planning, so a preview and the real thing cannot disagree.
 */
@Injectable()
export class AwardIssuingService {
  constructor(
    private readonly awards: AwardRepository,
    private readonly credentials: CredentialRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly webhookEvents: WebhookEvents,
  ) {}

  /** Runs `prepare` in a transaction and writes the awards unless it is a dry run or has errors. */
  run(candidates: readonly AwardCandidate[], options: IssueOptions): Promise<PreparedBatch> {
    return this.txHost.withTransaction(() => this.prepare(candidates, options));
  }

  private async prepare(
    candidates: readonly AwardCandidate[],
    options: IssueOptions,
  ): Promise<PreparedBatch> {
    const now = this.clock.now();
    const problems: Problem[] = [];
    const problem = (
      candidate: AwardCandidate,
      code: AwardIssueCode,
      column: string | null,
      message: string,
      exception: () => DomainException,
    ) =>
      problems.push({
        candidate,
        issue: { row: candidate.row, index: candidate.index, column, severity: 'error', code, message },
        exception,
      });

    const staff = await this.resolveStaff(candidates);
    const definitions = await this.resolveDefinitions(candidates);

    type Valid = { candidate: AwardCandidate; person: IssuingStaff; definition: DefinitionWithCurrent };
    const valid: Valid[] = [];
    const seen = new Map<string, AwardCandidate>();
    for (const candidate of candidates) {
      const staffColumn =
        candidate.columns?.staff ?? ('id' in candidate.staff ? 'staffId' : 'employee_number');
      const credentialColumn =
        candidate.columns?.credential ?? ('id' in candidate.definition ? 'definitionId' : 'credential_code');
      const dayColumn = candidate.columns?.completedOn ?? 'completedOn';
      const person =
        'id' in candidate.staff
          ? staff.byId.get(candidate.staff.id)
          : staff.byNumber.get(candidate.staff.employeeNumber);
      const definition =
        'id' in candidate.definition
          ? definitions.byId.get(candidate.definition.id)
          : definitions.byCode.get(candidate.definition.code);
      let ok = true;
      if (!person) {
        ok = false;
        const ref = 'id' in candidate.staff ? candidate.staff.id : candidate.staff.employeeNumber;
        problem(
          candidate,
          AwardIssueCode.UnknownStaff,
          staffColumn,
          'id' in candidate.staff
            ? `There is no person with ID "${ref}".`
            : `Employee number "${ref}" is unknown. Check it against Brevet's staff list (or import the person first).`,
          () => new AwardStaffUnknownException(ref),
        );
      } else if (person.status === 'left') {
        ok = false;
        problem(
          candidate,
          AwardIssueCode.StaffLeft,
          staffColumn,
          `Person ${person.employeeNumber} has left the company; no new awards can be issued to them.`,
          () => new AwardStaffLeftException(person.employeeNumber),
        );
      }
      if (!definition) {
        ok = false;
        const ref = 'id' in candidate.definition ? candidate.definition.id : candidate.definition.code;
        problem(
          candidate,
          AwardIssueCode.UnknownCredential,
          credentialColumn,
          'id' in candidate.definition
            ? `There is no credential definition with ID "${ref}".`
            : `Credential code "${ref}" is unknown. Check the code in Brevet's catalogue.`,
          () => new AwardCredentialUnknownException(ref),
        );
      } else if (definition.definition.status !== 'published' || !definition.current) {
        ok = false;
        const { code, status } = definition.definition;
        problem(
          candidate,
          AwardIssueCode.CredentialNotPublished,
          credentialColumn,
          status === 'archived'
            ? `Credential "${code}" is archived; it can no longer be awarded.`
            : `Credential "${code}" has not been published yet.`,
          () => new AwardCredentialNotPublishedException(code, status),
        );
      }
      if (person) {
        const today = dayIn(now, person.timezone);
        if (candidate.completedOn > today) {
          ok = false;
          problem(
            candidate,
            AwardIssueCode.CompletedInFuture,
            dayColumn,
            `The completion day ${candidate.completedOn} is in the future (today is ${today} where the person works).`,
            () => new AwardCompletedInFutureException(candidate.completedOn, today),
          );
        }
      }
      if (!ok || !person || !definition) continue;
      const key = `${person.id}|${definition.definition.id}|${candidate.completedOn}`;
      const earlier = seen.get(key);
      if (earlier) {
        problem(
          candidate,
          AwardIssueCode.Duplicate,
          candidate.row !== null ? null : staffColumn,
          earlier.row !== null
            ? `Row ${earlier.row} already records ${person.employeeNumber} completing ${definition.definition.code} on ${candidate.completedOn}.`
            : `Person ${person.employeeNumber} is in the roster twice (positions ${earlier.index} and ${candidate.index}).`,
          // Only batches have several candidates; a single request cannot be a duplicate of itself.
          () => new ValidationFailedException([{ field: staffColumn, message: 'listed twice' }]),
        );
        continue;
      }
      seen.set(key, candidate);
      valid.push({ candidate, person, definition });
    }

    // Per person and credential: lock, load what they hold, plan the completions oldest first.
    const pairs = new Map<string, Valid[]>();
    for (const v of valid) {
      const key = `${v.person.id}|${v.definition.definition.id}`;
      pairs.set(key, [...(pairs.get(key) ?? []), v]);
    }
    const pairList = [...pairs.values()].map((group) => ({
      staffId: group[0].person.id,
      definitionId: group[0].definition.definition.id,
    }));
    await this.awards.lockPairs(pairList);
    const facts = await this.awards.factsFor(pairList);
    const factsByPair = new Map<string, AwardFactsRow[]>();
    const factsById = new Map(facts.map((f) => [f.id, f]));
    for (const f of facts) {
      const key = `${f.staffId}|${f.definitionId}`;
      factsByPair.set(key, [...(factsByPair.get(key) ?? []), f]);
    }

    const items: AwardBatchItem[] = [];
    const planned: PlannedCandidate[] = [];
    const newAwards: NewAward[] = [];
    const supersede: Array<{ oldId: string; newId: string }> = [];
    for (const [key, group] of pairs) {
      const { definition, person } = group[0];
      const current = definition.current as NonNullable<DefinitionWithCurrent['current']>;
      const plans: Array<CompletionPlan<Valid>> = planCompletions(
        validityOf(current),
        factsByPair.get(key) ?? [],
        group.map((v) => ({ key: v, completedOn: v.candidate.completedOn })),
        randomUUID,
        { allowRevokedDay: options.allowRevokedDay },
      );
      for (const plan of plans) {
        const { candidate } = plan.key;
        const dayColumn = candidate.columns?.completedOn ?? 'completedOn';
        const base = {
          row: candidate.row,
          index: candidate.index,
          staffId: person.id,
          employeeNumber: person.employeeNumber,
          definitionId: definition.definition.id,
          credentialCode: definition.definition.code,
          completedOn: plan.completedOn,
        };
        switch (plan.outcome) {
          case 'refused': {
            const conflict = plan.conflict;
            if (plan.problem === 'newer_award_exists') {
              problem(
                candidate,
                AwardIssueCode.NewerAwardExists,
                dayColumn,
                `${person.employeeNumber} already holds ${definition.definition.code} from a completion on ${conflict.issuedOn}; an older completion (${plan.completedOn}) cannot replace it.`,
                () => new AwardNewerAwardExistsException(plan.completedOn, conflict.issuedOn),
              );
            } else {
              problem(
                candidate,
                AwardIssueCode.PreviouslyRevoked,
                dayColumn,
                `The award of ${definition.definition.code} to ${person.employeeNumber} for ${plan.completedOn} was revoked. Issue it on its own if that is really meant.`,
                () => new AwardNewerAwardExistsException(plan.completedOn, conflict.issuedOn),
              );
            }
            break;
          }
          case 'unchanged': {
            const existing = factsById.get(plan.existing.id) as AwardFactsRow;
            planned.push({
              candidate,
              outcome: 'unchanged',
              renewal: {
                timing: existing.renewalTiming,
                countsFrom: existing.countsFrom,
                validUntil: existing.validUntil,
                window: null,
              },
              relatedAwardId: existing.id,
              awardId: existing.id,
              version: { id: current.id, number: current.version },
            });
            items.push({
              ...base,
              validUntil: existing.validUntil,
              countsFrom: existing.countsFrom,
              timing: existing.renewalTiming,
              outcome: 'unchanged',
              awardId: existing.id,
              supersedesId: null,
            });
            break;
          }
          case 'issue':
          case 'renew': {
            planned.push({
              candidate,
              outcome: plan.outcome,
              renewal: plan.renewal,
              relatedAwardId: plan.supersedes?.id ?? null,
              awardId: plan.id,
              version: { id: current.id, number: current.version },
            });
            items.push({
              ...base,
              validUntil: plan.renewal.validUntil,
              countsFrom: plan.renewal.countsFrom,
              timing: plan.renewal.timing,
              outcome: plan.outcome,
              awardId: options.dryRun ? null : plan.id,
              supersedesId: plan.supersedes?.id ?? null,
            });
            newAwards.push(
              newAward(plan, {
                staffId: person.id,
                definitionId: definition.definition.id,
                definitionVersionId: current.id,
                candidate,
                options,
              }),
            );
            if (plan.supersedes && factsById.has(plan.supersedes.id)) {
              supersede.push({ oldId: plan.supersedes.id, newId: plan.id });
            }
            break;
          }
        }
      }
    }

    const issues = problems.map((p) => p.issue).sort(byPosition);
    const errorCount = issues.filter((i) => i.severity === 'error').length;
    items.sort(byPosition);
    const applied = !options.dryRun && errorCount === 0;
    if (applied) {
      await this.awards.issue(newAwards, supersede);
      // Webhooks: written with the awards, sent later by jobs; a failing endpoint cannot touch the awards.
      await this.webhookEvents.credentialsIssued(newAwards.map((a) => a.id));
    }
    return {
      problems,
      planned,
      result: {
        dryRun: options.dryRun,
        applied,
        counts: {
          items: candidates.length,
          issued: items.filter((i) => i.outcome === 'issue').length,
          renewed: items.filter((i) => i.outcome === 'renew').length,
          unchanged: items.filter((i) => i.outcome === 'unchanged').length,
        },
        errorCount,
        warningCount: issues.length - errorCount,
        issues: issues.slice(0, AWARD_BATCH_MAX_ISSUES),
        items,
        file: null,
      },
    };
  }

  private async resolveStaff(candidates: readonly AwardCandidate[]) {
    const ids: string[] = [];
    const numbers: string[] = [];
    for (const c of candidates) {
      if ('id' in c.staff) ids.push(c.staff.id);
      else numbers.push(c.staff.employeeNumber);
    }
    const [byIdRows, byNumberRows] = [
      await this.awards.staffForIssuing({ ids }),
      await this.awards.staffForIssuing({ employeeNumbers: numbers }),
    ];
    return {
      byId: new Map(byIdRows.map((s) => [s.id, s])),
      byNumber: new Map(byNumberRows.map((s) => [s.employeeNumber, s])),
    };
  }

  private async resolveDefinitions(candidates: readonly AwardCandidate[]) {
    const ids: string[] = [];
    const codes: string[] = [];
    for (const c of candidates) {
      if ('id' in c.definition) ids.push(c.definition.id);
      else codes.push(c.definition.code);
    }
    // Share-locked: a definition cannot be archived or republished while awards are issued against it.
    const byIdRows = await this.credentials.findWithCurrent({ ids }, true);
    const byCodeRows = await this.credentials.findWithCurrent({ codes }, true);
    return {
      byId: new Map(byIdRows.map((d) => [d.definition.id, d])),
      byCode: new Map(byCodeRows.map((d) => [d.definition.code, d])),
    };
  }
}

function newAward(
  plan: Extract<CompletionPlan<unknown>, { outcome: 'issue' | 'renew' }>,
  context: {
    staffId: string;
    definitionId: string;
    definitionVersionId: string;
    candidate: AwardCandidate;
    options: IssueOptions;
  },
): NewAward {
  return {
    id: plan.id,
    staffId: context.staffId,
    definitionId: context.definitionId,
    definitionVersionId: context.definitionVersionId,
    issuedOn: plan.completedOn,
    validUntil: plan.renewal.validUntil,
    renewalOpensOn: plan.renewalOpensOn,
    countsFrom: plan.renewal.countsFrom as RenewalCountsFrom,
    renewalTiming: plan.renewal.timing as RenewalTiming,
    issuer: context.options.issuer,
    assessmentResult: context.candidate.assessmentResult,
    evidenceId: context.candidate.evidenceId,
    status: plan.supersededById ? 'superseded' : 'active',
    source: context.options.source,
    supersededById: plan.supersededById,
    renewalOfId: plan.supersedes?.id ?? null,
  };
}

function byPosition(
  a: { row: number | null; index: number | null },
  b: { row: number | null; index: number | null },
): number {
  return (a.row ?? a.index ?? 0) - (b.row ?? b.index ?? 0);
}
