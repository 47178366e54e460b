import { Injectable } from '@nestjs/common';
import type { MyCredentials, MyProfile } from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { ALL_BRANCHES, type Actor } from '../auth/actor';
import { mapStaffCredentials } from '../awards/award.mapper';
import { AwardRepository } from '../awards/award.repository';
import { Clock } from '../common/clock';
import { StaffRepository, type StaffRow } from '../staff/staff.repository';
import { SelfNotLinkedException } from './self-service.exceptions';
import { mapMyCredential, mapMyProfile } from './self-service.mapper';

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
      .map((item) => mapMyCredential(item, language))
      .sort((a, b) => a.credential.title.localeCompare(b.credential.title, language));
    return { staffId: person.id, language, today: dayIn(now, staff.timezone), items };
  }

  private async ownRecord(actor: Actor): Promise<StaffRow> {
    if (!actor.staffId) throw new SelfNotLinkedException();
    const row = await this.staff.findRowById(actor.staffId, ALL_BRANCHES);
    if (!row) throw new SelfNotLinkedException();
    return row;
  }
}
