import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { MyCredentials, MyProfile, MyRequirements, UiLanguage } from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { ALL_BRANCHES, type Actor } from '../auth/actor';
import { mapStaffCredentials } from '../awards/award.mapper';
import { AwardRepository } from '../awards/award.repository';
import { Clock } from '../common/clock';
import { ComplianceService } from '../compliance/compliance.service';
import { AppConfig } from '../config/app-config';
import { StaffRepository, type StaffRow } from '../staff/staff.repository';
import { SelfNotLinkedException } from './self-service.exceptions';
import { byUrgency, mapMyCredential, mapMyProfile, mapMyRequirement } from './self-service.mapper';
import { SelfServiceRepository } from './self-service.repository';

/** More requirements than one person ever has; the engine pages, this page is the whole list. */
const ALL_OF_THEM = 500;

/**
 * An employee's own data. Every query is for `actor.staffId` and nothing else: the ID comes from the session,
 * never from the request. Branch scope does not apply to one's own record (a person may read it wherever they
 * work), hence `ALL_BRANCHES` with the fixed ID.
 */
@Injectable()
export class SelfServiceService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly awards: AwardRepository,
    private readonly clock: Clock,
    private readonly compliance: ComplianceService,
    private readonly repository: SelfServiceRepository,
    private readonly config: AppConfig,
  ) {}

  async profile(actor: Actor): Promise<MyProfile> {
    return mapMyProfile(await this.ownRecord(actor));
  }

  async credentials(actor: Actor): Promise<MyCredentials> {
    const person = await this.ownRecord(actor);
    const [staff, rows] = await Promise.all([
      this.awards.findStaff(person.id, ALL_BRANCHES),
      this.awards.rowsOfStaff(person.id, ALL_BRANCHES),
    ]);
    if (!staff) throw new SelfNotLinkedException();
    const now = this.clock.now();
    const language = person.preferredLanguage;
    const items = mapStaffCredentials(rows, now)
      .map((item) =>
        mapMyCredential(item, language, {
          publicUrl: this.config.publicUrl,
          issuerName: this.config.openBadges.issuerName,
        }),
      )
      .sort((a, b) => a.credential.title.localeCompare(b.credential.title, language));
    return { staffId: person.id, language, today: dayIn(now, staff.timezone), items };
  }

  /**
   * What the person must obtain and by when: the compliance engine's answer for their own staff ID only (the
   * filter is the ID from the session; no other filter is taken from the request), most urgent first.
   */
  async requirements(actor: Actor): Promise<MyRequirements> {
    const person = await this.ownRecord(actor);
    const page = await this.compliance.requirements(
      { staffId: person.id, page: 1, pageSize: ALL_OF_THEM },
      ALL_BRANCHES,
    );
    const language = person.preferredLanguage;
    const items = page.items
      .filter((item) => item.staff.id === person.id)
      .map((item) => mapMyRequirement(item, language))
      .sort(byUrgency);
    const staff = await this.awards.findStaff(person.id, ALL_BRANCHES);
    if (!staff) throw new SelfNotLinkedException();
    return { staffId: person.id, language, today: dayIn(this.clock.now(), staff.timezone), items };
  }

  /** Keeps the person's language on their record, so every device and e-mail uses it from now on. */
  @Transactional()
  async setLanguage(actor: Actor, language: UiLanguage): Promise<MyProfile> {
    const person = await this.ownRecord(actor);
    if (!(await this.repository.setPreferredLanguage(person.id, language)))
      throw new SelfNotLinkedException();
    return mapMyProfile(await this.ownRecord(actor));
  }

  private async ownRecord(actor: Actor): Promise<StaffRow> {
    if (!actor.staffId) throw new SelfNotLinkedException();
    const row = await this.staff.findRowById(actor.staffId, ALL_BRANCHES);
    if (!row) throw new SelfNotLinkedException();
    return row;
  }
}
