import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  SCIM_BASE_PATH,
  type ScimMappingSettings,
  type StaffStatus,
  type UpdateStaffRequest,
} from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { isUUID } from 'class-validator';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobRoleRepository } from '../job-roles/job-role.repository';
import type { StaffChange } from '../staff/staff-audit.util';
import type { StaffEntity } from '../staff/staff.entity';
import { StaffRepository } from '../staff/staff.repository';
import { StaffService } from '../staff/staff.service';
import { scimUserRecord, type ScimUserColumns } from './scim-audit.util';
import { ScimCaller } from './scim-caller';
import { ScimException } from './scim.exception';
import type { ScimUserEntity } from './scim.entity';
import { parseFilter } from './scim-filter';
import { compileFilter, SqlParams, USER_FILTER_CONTEXT } from './scim-filter-sql';
import { ScimMappingService } from './scim-mapping.service';
import { applyPatch, jsonEqual, parsePatchRequest } from './scim-patch';
import {
  listResponse,
  mapScimUser,
  projectResource,
  type ScimListQuery,
  type ScimListResponse,
  type ScimProjection,
} from './scim-resource.mapper';
import { canonicalizeResource, isJsonObject, USER_SCHEMAS, type Json, type JsonObject } from './scim-schema';
import {
  EMPLOYEE_NUMBER_ATTRIBUTE,
  extractStaffFields,
  MANAGER_ATTRIBUTE,
  validEmail,
  validEmployeeNumber,
  validHireDate,
  validName,
  type ScimStaffFields,
} from './scim-user-fields';
import { DuplicateUserNameError, ScimUserRepository, type BranchRef } from './scim-user.repository';
import { StaffDeactivation } from '../staff/staff-deactivation';

/** A User representation as received, validated: columns apart, the rest as `raw`. */
interface UserDocument {
  userName: string;
  externalId: string | null;
  /** Undefined when the representation does not say. */
  active: boolean | undefined;
  /** Everything else, stored as the last representation received (never a password). */
  raw: JsonObject;
  /** The whole canonical representation, for the mapping. */
  full: JsonObject;
}

/** Never stored: `password` is write-only and Brevet keeps none; the others are the server's or columns. */
const NOT_IN_RAW = ['id', 'meta', 'schemas', 'userName', 'externalId', 'active', 'password', 'groups'];

function readUserDocument(body: unknown): UserDocument {
  if (!isJsonObject(body)) throw ScimException.invalidSyntax('The body must be a SCIM User object.');
  const full = canonicalizeResource(body, USER_SCHEMAS);
  const userName = typeof full['userName'] === 'string' ? full['userName'].trim() : '';
  if (userName === '' || userName.length > 254) {
    throw ScimException.invalidValue('"userName" is required: a string of 1–254 characters.');
  }
  const externalId = full['externalId'];
  if (externalId !== undefined && (typeof externalId !== 'string' || externalId.length > 200)) {
    throw ScimException.invalidValue('"externalId" must be a string of at most 200 characters.');
  }
  const active = full['active'];
  if (active !== undefined && typeof active !== 'boolean') {
    throw ScimException.invalidValue(`"active" must be true or false, not ${JSON.stringify(active)}.`);
  }
  const raw: JsonObject = {};
  for (const [key, value] of Object.entries(full)) if (!NOT_IN_RAW.includes(key)) raw[key] = value;
  return {
    userName,
    externalId: typeof externalId === 'string' && externalId !== '' ? externalId : null,
    active,
    raw,
    full: { ...full, userName },
  };
}

/** The stored user as one representation again, as a PATCH starts from it. */
function storedDocument(user: ScimUserEntity): JsonObject {
  return {
    ...((user.raw ?? {}) as JsonObject),
    userName: user.userName,
    ...(user.externalId !== null ? { externalId: user.externalId } : {}),
    active: user.active,
  };
}

function columnsOf(user: ScimUserEntity): ScimUserColumns {
  return { userName: user.userName, externalId: user.externalId, active: user.active };
}

function sameField(a: ScimStaffFields[keyof ScimStaffFields], b: ScimStaffFields[keyof ScimStaffFields]) {
  const norm = (v: typeof a): Json =>
    Array.isArray(v) ? [...v].map((s) => s.toLowerCase()).sort() : typeof v === 'string' ? v : null;
  return jsonEqual(norm(a), norm(b));
}

/**
 * SCIM Users over Brevet's staff. A SCIM user is a person, keyed by employee number: creating one for an
 * employee number Brevet already knows (e.g. from an HR import) links that person. All rules of the staff
 * directory apply through {@link StaffService}; this service translates and decides what changed. Each write
 * that changes something is one `scim.changed` audit entry, with the SCIM token as the actor.
 */
@Injectable()
export class ScimUsersService {
  private readonly baseUrl: string;

  constructor(
    private readonly users: ScimUserRepository,
    private readonly staff: StaffService,
    private readonly staffRows: StaffRepository,
    private readonly roles: JobRoleRepository,
    private readonly mapping: ScimMappingService,
    private readonly deactivation: StaffDeactivation,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly caller: ScimCaller,
    config: AppConfig,
  ) {
    this.baseUrl = `${config.publicUrl}${SCIM_BASE_PATH}`;
  }

  async list(query: ScimListQuery): Promise<ScimListResponse> {
    const params = new SqlParams();
    const sql = query.filter ? compileFilter(parseFilter(query.filter), USER_FILTER_CONTEXT, params) : 'TRUE';
    const { rows, total } = await this.users.findPage({ sql, params }, query.startIndex - 1, query.count);
    const resources = rows.map((u) => projectResource(mapScimUser(u, this.baseUrl), query.projection));
    return listResponse(resources, total, query.startIndex);
  }

  async get(id: string, projection: ScimProjection = {}): Promise<JsonObject> {
    const user = isUUID(id, 'all') ? await this.users.findById(id) : null;
    if (!user) throw ScimException.notFound('User', id);
    return projectResource(mapScimUser(user, this.baseUrl), projection);
  }

  async create(body: unknown): Promise<JsonObject> {
    const doc = readUserDocument(body);
    const mapping = await this.mapping.get();
    const fields = extractStaffFields(doc.full, mapping);
    const active = doc.active ?? true;
    const user = await this.txHost.withTransaction(async () => {
      if (await this.users.userNameTaken(doc.userName)) throw this.userNameTaken(doc.userName);
      const employeeNumber = validEmployeeNumber(fields.employeeNumber);
      const existing = await this.staffRows.findByEmployeeNumber(employeeNumber);
      let staff: StaffChange | null;
      if (existing) {
        const linked = await this.users.findByStaffId(existing.id);
        if (linked && linked.deletedAt === null) {
          throw ScimException.uniqueness(
            `"${EMPLOYEE_NUMBER_ATTRIBUTE}" "${employeeNumber}" belongs to the SCIM user "${linked.userName}".`,
          );
        }
        // The person is known (an HR import, or a SCIM user deleted before): link them, apply what was sent.
        if (linked) await this.users.removeDeleted(linked.id);
        staff = await this.applyToStaff(existing, undefined, fields, undefined, active, mapping);
      } else {
        staff = await this.createStaff(employeeNumber, fields, active, mapping);
      }
      const staffId = existing?.id ?? (staff as StaffChange).id;
      await this.staffRows.update(staffId, { externalId: doc.externalId });
      const inserted = await this.users
        .insert({ staffId, userName: doc.userName, externalId: doc.externalId, active, raw: doc.raw })
        .catch((error: unknown) => {
          throw error instanceof DuplicateUserNameError ? this.userNameTaken(doc.userName) : error;
        });
      await this.record(
        scimUserRecord('create', inserted, null, columnsOf(inserted), staff, this.caller.actor),
      );
      return inserted;
    });
    if (!user.active) await this.deactivation.publish({ staffId: user.staffId, reason: 'scim.deactivated' });
    return mapScimUser(user, this.baseUrl);
  }

  /** PUT: the representation replaces the stored one. */
  async replace(id: string, body: unknown): Promise<JsonObject> {
    const next = readUserDocument(body);
    return this.change(id, 'replace', () => next);
  }

  /** PATCH: the operations apply to the stored representation, then it is handled like a PUT. */
  async patch(id: string, body: unknown): Promise<JsonObject> {
    const operations = parsePatchRequest(body);
    return this.change(id, 'patch', (current) =>
      readUserDocument(applyPatch(current, operations, USER_SCHEMAS)),
    );
  }

  /**
   * DELETE: the person stays in Brevet (their certificate history matters) and is marked as left; the SCIM
   * resource is gone (404 from now on), its group memberships end and its userName is free again.
   */
  async delete(id: string): Promise<void> {
    if (!isUUID(id, 'all')) throw ScimException.notFound('User', id);
    const staffId = await this.txHost.withTransaction(async () => {
      const user = await this.users.findByIdForUpdate(id);
      if (!user) throw ScimException.notFound('User', id);
      const person = await this.staffRows.findById(user.staffId);
      const staff =
        person && person.status !== 'left' ? await this.updateStaff(person, { status: 'left' }) : null;
      await this.users.markDeleted(id, this.clock.now());
      await this.record(
        scimUserRecord('delete', user, columnsOf(user), { deleted: true }, staff, this.caller.actor),
      );
      return user.staffId;
    });
    await this.deactivation.publish({ staffId, reason: 'scim.deleted' });
  }

  private async change(
    id: string,
    operation: 'replace' | 'patch',
    decide: (current: JsonObject) => UserDocument,
  ): Promise<JsonObject> {
    if (!isUUID(id, 'all')) throw ScimException.notFound('User', id);
    const mapping = await this.mapping.get();
    const saved = await this.txHost.withTransaction(async () => {
      const user = await this.users.findByIdForUpdate(id);
      if (!user) throw ScimException.notFound('User', id);
      const current = storedDocument(user);
      const next = decide(current);
      if (
        next.userName.toLowerCase() !== user.userName.toLowerCase() &&
        (await this.users.userNameTaken(next.userName, id))
      ) {
        throw this.userNameTaken(next.userName);
      }
      const person = await this.staffRows.findById(user.staffId);
      if (!person) throw ScimException.notFound('User', id);
      const active = next.active ?? user.active;
      const before = columnsOf(user);
      const staff = await this.applyToStaff(
        person,
        extractStaffFields(current, mapping),
        extractStaffFields(next.full, mapping),
        user.active,
        active,
        mapping,
      );
      if (next.externalId !== person.externalId) {
        await this.staffRows.update(person.id, { externalId: next.externalId });
      }
      Object.assign(user, { userName: next.userName, externalId: next.externalId, active, raw: next.raw });
      const stored = await this.users.save(user).catch((error: unknown) => {
        throw error instanceof DuplicateUserNameError ? this.userNameTaken(next.userName) : error;
      });
      await this.record(
        scimUserRecord(operation, stored, before, columnsOf(stored), staff, this.caller.actor),
      );
      return stored;
    });
    if (!saved.active)
      await this.deactivation.publish({ staffId: saved.staffId, reason: 'scim.deactivated' });
    return mapScimUser(saved, this.baseUrl);
  }

  /** Last in the transaction (the audit log's rule); nothing when the write changed nothing. */
  private async record(entry: ReturnType<typeof scimUserRecord>): Promise<void> {
    if (entry) await this.audit.record(entry);
  }

  private userNameTaken(userName: string): ScimException {
    return ScimException.uniqueness(`"userName" "${userName}" is already taken (ignoring case).`);
  }

  private async createStaff(
    employeeNumber: string,
    fields: ScimStaffFields,
    active: boolean,
    mapping: ScimMappingSettings,
  ): Promise<StaffChange> {
    const branch = await this.resolveBranch(fields.branch, mapping);
    const jobRoleIds = (await this.resolveRoles(fields.jobRoles, mapping)) ?? [];
    const managerId = fields.managerId === undefined ? null : await this.resolveManager(fields.managerId);
    const hireDate =
      fields.hireDate !== undefined && mapping.hireDateAttribute !== null
        ? validHireDate(fields.hireDate, mapping.hireDateAttribute)
        : dayIn(this.clock.now(), branch.timezone);
    const created = await this.staff.add({
      employeeNumber,
      givenName: validName(fields.givenName, 'name.givenName'),
      familyName: validName(fields.familyName, 'name.familyName'),
      email: validEmail(fields.email),
      preferredLanguage: fields.preferredLanguage ?? 'de',
      branchId: branch.id,
      jobRoleIds,
      managerId,
      hireDate,
    });
    if (!active) {
      const person = await this.staffRows.findById(created.id);
      if (person) {
        const left = await this.updateStaff(person, { status: 'left' });
        return { ...created, after: { ...created.after, ...left.after }, left: true };
      }
    }
    return created;
  }

  /**
   * Writes to the person what the SCIM representation changed: a field is applied when its value differs
   * between `before` and `after` (all given fields when `before` is undefined, i.e. when linking a known
   * person). Edits made in Brevet therefore survive SCIM updates that do not touch the same field.
   * `active` false marks the person as left; true brings a person who left back. Returns what changed, or
   * null when nothing was written to the person.
   */
  private async applyToStaff(
    person: StaffEntity,
    before: ScimStaffFields | undefined,
    after: ScimStaffFields,
    activeBefore: boolean | undefined,
    activeAfter: boolean,
    mapping: ScimMappingSettings,
  ): Promise<StaffChange | null> {
    const changed = (key: keyof ScimStaffFields) =>
      after[key] !== undefined && (before === undefined || !sameField(before[key], after[key]));
    const cleared = (key: keyof ScimStaffFields) =>
      before !== undefined && before[key] !== undefined && after[key] === undefined;

    if (after.employeeNumber !== undefined && after.employeeNumber !== person.employeeNumber) {
      throw ScimException.mutability(
        `"${EMPLOYEE_NUMBER_ATTRIBUTE}" cannot change: it identifies the person in Brevet ("${person.employeeNumber}").`,
      );
    }
    let status: StaffStatus | undefined;
    if (activeBefore !== activeAfter) {
      if (activeAfter && person.status === 'left') status = 'active';
      if (!activeAfter && person.status !== 'left') status = 'left';
    }
    const returning = status === 'active';
    // Someone who left keeps their closed history: no new branch or role periods until they return.
    const staysLeft = person.status === 'left' && !returning;

    const request: UpdateStaffRequest = status ? { status } : {};
    if (changed('givenName')) request.givenName = validName(after.givenName, 'name.givenName');
    if (changed('familyName')) request.familyName = validName(after.familyName, 'name.familyName');
    if (changed('email') || cleared('email')) request.email = validEmail(after.email);
    if (changed('preferredLanguage')) request.preferredLanguage = after.preferredLanguage;
    if ((changed('branch') || returning) && after.branch !== undefined) {
      const branch = await this.resolveBranch(after.branch, mapping);
      if (!staysLeft && branch.id !== person.branchId) request.branchId = branch.id;
    }
    if (changed('managerId') || cleared('managerId')) {
      request.managerId = after.managerId === undefined ? null : await this.resolveManager(after.managerId);
    }
    // A returning person gets their roles from the representation: leaving closed all role periods.
    const rolesChanged =
      before === undefined ? (after.jobRoles?.length ?? 0) > 0 : !sameField(before.jobRoles, after.jobRoles);
    if (mapping.jobRoleAttribute !== null && !staysLeft && (rolesChanged || returning)) {
      request.jobRoleIds = await this.resolveRoles(after.jobRoles ?? [], mapping);
    }
    return Object.keys(request).length > 0 ? this.updateStaff(person, request) : null;
  }

  /** Changes take effect today where the person works, or on the hire date when that is still ahead. */
  private async updateStaff(person: StaffEntity, request: UpdateStaffRequest): Promise<StaffChange> {
    const timezone = await this.users.branchTimezone(request.branchId ?? person.branchId);
    const today = dayIn(this.clock.now(), timezone);
    const effectiveFrom = person.hireDate > today ? person.hireDate : today;
    return this.staff.change(person.id, { ...request, effectiveFrom });
  }

  private async resolveBranch(value: string | undefined, mapping: ScimMappingSettings): Promise<BranchRef> {
    const attribute = mapping.branchAttribute;
    if (value === undefined) {
      throw ScimException.invalidValue(`"${attribute}" is required: it names the person's branch.`);
    }
    const mapped = mapping.branchValues.find((m) => m.value.toLowerCase() === value.toLowerCase())?.code;
    const code = mapped ?? value;
    const branch = await this.users.findBranchByCode(code);
    if (!branch) {
      throw ScimException.invalidValue(
        mapped
          ? `"${attribute}" "${value}" maps to the branch code "${mapped}", which does not exist.`
          : `"${attribute}" "${value}" is neither a branch code nor listed in the SCIM branch mapping.`,
      );
    }
    if (branch.status !== 'active') {
      throw ScimException.invalidValue(`"${attribute}" "${value}": branch ${branch.code} is archived.`);
    }
    return branch;
  }

  /** Role IDs for the attribute's values; undefined when SCIM does not manage roles. */
  private async resolveRoles(
    values: readonly string[] | undefined,
    mapping: ScimMappingSettings,
  ): Promise<string[] | undefined> {
    if (mapping.jobRoleAttribute === null || values === undefined) return undefined;
    const attribute = mapping.jobRoleAttribute;
    const wanted = values.map((value) => {
      const mapped = mapping.jobRoleValues.filter((m) => m.value.toLowerCase() === value.toLowerCase());
      return { value, codes: mapped.length > 0 ? mapped.map((m) => m.code) : [value.toUpperCase()], mapped };
    });
    const found = await this.roles.findByCodes([...new Set(wanted.flatMap((w) => w.codes))]);
    const active = new Map(found.filter((r) => r.status === 'active').map((r) => [r.code, r.id]));
    const ids = new Set<string>();
    for (const { value, codes, mapped } of wanted) {
      for (const code of codes) {
        const id = active.get(code);
        if (id) {
          ids.add(id);
        } else if (mapped.length > 0) {
          throw ScimException.invalidValue(
            `"${attribute}" "${value}" maps to the job role "${code}", which does not exist or is archived.`,
          );
        } else if (mapping.unmappedJobRole === 'reject') {
          throw ScimException.invalidValue(
            `"${attribute}" "${value}" is neither a job role code nor listed in the SCIM job role mapping.`,
          );
        }
      }
    }
    return [...ids];
  }

  private async resolveManager(scimId: string): Promise<string> {
    const staffId = isUUID(scimId, 'all') ? (await this.users.staffIdsOf([scimId])).get(scimId) : undefined;
    if (!staffId) {
      throw ScimException.invalidValue(`"${MANAGER_ATTRIBUTE}" "${scimId}" is not the id of a SCIM user.`);
    }
    return staffId;
  }
}
