import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { SCIM_BASE_PATH } from '@brevet/contracts';
import { isUUID } from 'class-validator';
import { AuditLog } from '../audit/audit-log.service';
import { AppConfig } from '../config/app-config';
import { scimGroupRecord } from './scim-audit.util';
import { ScimCaller } from './scim-caller';
import { ScimException } from './scim.exception';
import type { ScimGroupEntity } from './scim.entity';
import { parseFilter } from './scim-filter';
import { compileFilter, GROUP_FILTER_CONTEXT, SqlParams } from './scim-filter-sql';
import { DuplicateDisplayNameError, ScimGroupRepository } from './scim-group.repository';
import { applyPatch, parsePatchRequest } from './scim-patch';
import {
  isReturned,
  listResponse,
  mapScimGroup,
  projectResource,
  type ScimListQuery,
  type ScimListResponse,
  type ScimProjection,
} from './scim-resource.mapper';
import { canonicalizeResource, findKey, GROUP_SCHEMAS, isJsonObject, type JsonObject } from './scim-schema';

interface GroupDocument {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

const MAX_MEMBERS = 50_000;

function readGroupDocument(body: unknown): GroupDocument {
  if (!isJsonObject(body)) throw ScimException.invalidSyntax('The body must be a SCIM Group object.');
  const doc = canonicalizeResource(body, GROUP_SCHEMAS);
  const displayName = typeof doc['displayName'] === 'string' ? doc['displayName'].trim() : '';
  if (displayName === '' || displayName.length > 256) {
    throw ScimException.invalidValue('"displayName" is required: a string of 1–256 characters.');
  }
  const externalId = doc['externalId'];
  if (externalId !== undefined && (typeof externalId !== 'string' || externalId.length > 200)) {
    throw ScimException.invalidValue('"externalId" must be a string of at most 200 characters.');
  }
  const members = Array.isArray(doc['members']) ? doc['members'] : [];
  if (members.length > MAX_MEMBERS) throw ScimException.invalidValue(`At most ${MAX_MEMBERS} members.`);
  const memberIds = new Set<string>();
  for (const member of members) {
    const valueKey = isJsonObject(member) ? findKey(member, 'value') : undefined;
    const value = isJsonObject(member) && valueKey !== undefined ? member[valueKey] : undefined;
    const typeKey = isJsonObject(member) ? findKey(member, 'type') : undefined;
    const type = isJsonObject(member) && typeKey !== undefined ? member[typeKey] : 'User';
    if (typeof type !== 'string' || type.toLowerCase() !== 'user') {
      throw ScimException.invalidValue(`Only users can be members; ${JSON.stringify(member)} is not one.`);
    }
    if (typeof value !== 'string' || !isUUID(value, 'all')) {
      throw ScimException.invalidValue(`"members" value ${JSON.stringify(value ?? null)} is not a User id.`);
    }
    memberIds.add(value.toLowerCase());
  }
  return {
    displayName,
    externalId: typeof externalId === 'string' && externalId !== '' ? externalId : null,
    memberIds: [...memberIds],
  };
}

/**
 * SCIM Groups, stored faithfully (name, externalId, user members). They carry no meaning in Brevet yet;
 * the SSO issue will map them to Brevet roles. Each write that changes something is one `scim.changed` audit
 * entry, with the SCIM token as the actor.
 */
@Injectable()
export class ScimGroupsService {
  private readonly baseUrl: string;

  constructor(
    private readonly groups: ScimGroupRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditLog,
    private readonly caller: ScimCaller,
    config: AppConfig,
  ) {
    this.baseUrl = `${config.publicUrl}${SCIM_BASE_PATH}`;
  }

  async list(query: ScimListQuery): Promise<ScimListResponse> {
    const params = new SqlParams();
    const sql = query.filter
      ? compileFilter(parseFilter(query.filter), GROUP_FILTER_CONTEXT, params)
      : 'TRUE';
    const { rows, total } = await this.groups.findPage({ sql, params }, query.startIndex - 1, query.count);
    const resources = await this.map(rows, query.projection);
    return listResponse(resources, total, query.startIndex);
  }

  async get(id: string, projection: ScimProjection = {}): Promise<JsonObject> {
    const group = isUUID(id, 'all') ? await this.groups.findById(id) : null;
    if (!group) throw ScimException.notFound('Group', id);
    return (await this.map([group], projection))[0];
  }

  async create(body: unknown): Promise<JsonObject> {
    const doc = readGroupDocument(body);
    const id = await this.txHost.withTransaction(async () => {
      if (await this.groups.displayNameTaken(doc.displayName)) throw this.nameTaken(doc.displayName);
      await this.assertUsersExist(doc.memberIds);
      const group = await this.groups
        .insert({ displayName: doc.displayName, externalId: doc.externalId })
        .catch((error: unknown) => {
          throw error instanceof DuplicateDisplayNameError ? this.nameTaken(doc.displayName) : error;
        });
      await this.groups.addMembers(group.id, doc.memberIds);
      const columns = { displayName: group.displayName, externalId: group.externalId };
      await this.audit.record(
        scimGroupRecord(
          'create',
          group,
          null,
          columns,
          { added: doc.memberIds, removed: [] },
          this.caller.actor,
        ),
      );
      return group.id;
    });
    return this.get(id);
  }

  async replace(id: string, body: unknown): Promise<JsonObject> {
    const next = readGroupDocument(body);
    return this.change(id, 'replace', () => next);
  }

  async patch(id: string, body: unknown): Promise<JsonObject> {
    const operations = parsePatchRequest(body);
    return this.change(id, 'patch', (current) =>
      readGroupDocument(applyPatch(current, operations, GROUP_SCHEMAS)),
    );
  }

  async delete(id: string): Promise<void> {
    if (!isUUID(id, 'all')) throw ScimException.notFound('Group', id);
    await this.txHost.withTransaction(async () => {
      const group = await this.groups.findByIdForUpdate(id);
      if (!group) throw ScimException.notFound('Group', id);
      const memberIds = await this.groups.memberIds(id);
      await this.groups.delete(id);
      await this.audit.record(
        scimGroupRecord(
          'delete',
          group,
          { displayName: group.displayName, externalId: group.externalId },
          { deleted: true },
          { added: [], removed: memberIds },
          this.caller.actor,
        ),
      );
    });
  }

  private async change(
    id: string,
    operation: 'replace' | 'patch',
    decide: (current: JsonObject) => GroupDocument,
  ): Promise<JsonObject> {
    if (!isUUID(id, 'all')) throw ScimException.notFound('Group', id);
    await this.txHost.withTransaction(async () => {
      const group = await this.groups.findByIdForUpdate(id);
      if (!group) throw ScimException.notFound('Group', id);
      const memberIds = await this.groups.memberIds(id);
      const current: JsonObject = {
        displayName: group.displayName,
        ...(group.externalId !== null ? { externalId: group.externalId } : {}),
        members: memberIds.map((value) => ({ value })),
      };
      const next = decide(current);
      if (
        next.displayName.toLowerCase() !== group.displayName.toLowerCase() &&
        (await this.groups.displayNameTaken(next.displayName, id))
      ) {
        throw this.nameTaken(next.displayName);
      }
      const had = new Set(memberIds);
      const wanted = new Set(next.memberIds);
      const added = next.memberIds.filter((m) => !had.has(m));
      const removed = memberIds.filter((m) => !wanted.has(m));
      await this.assertUsersExist(added);
      const renamed = next.displayName !== group.displayName || next.externalId !== group.externalId;
      if (!renamed && added.length === 0 && removed.length === 0) return;
      await this.groups.addMembers(id, added);
      await this.groups.removeMembers(id, removed);
      const after = { displayName: next.displayName, externalId: next.externalId };
      await this.groups.update(id, after).catch((error: unknown) => {
        throw error instanceof DuplicateDisplayNameError ? this.nameTaken(next.displayName) : error;
      });
      await this.audit.record(
        scimGroupRecord(
          operation,
          { id, displayName: next.displayName },
          { displayName: group.displayName, externalId: group.externalId },
          after,
          { added, removed },
          this.caller.actor,
        ),
      );
    });
    return this.get(id);
  }

  private async assertUsersExist(ids: readonly string[]): Promise<void> {
    const existing = await this.groups.existingUserIds(ids);
    const unknown = ids.find((id) => !existing.has(id));
    if (unknown) throw ScimException.invalidValue(`"members" value "${unknown}" is not a User of Brevet.`);
  }

  private nameTaken(displayName: string): ScimException {
    return ScimException.uniqueness(`"displayName" "${displayName}" is already taken (ignoring case).`);
  }

  private async map(groups: ScimGroupEntity[], projection: ScimProjection): Promise<JsonObject[]> {
    // Entra ID asks with excludedAttributes=members: then members are not even loaded.
    const members = isReturned(projection, 'members')
      ? await this.groups.members(groups.map((g) => g.id))
      : undefined;
    return groups.map((g) =>
      projectResource(
        mapScimGroup(
          g,
          members?.filter((m) => m.groupId === g.id),
          this.baseUrl,
        ),
        projection,
      ),
    );
  }
}
