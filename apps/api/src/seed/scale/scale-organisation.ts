import type { CredentialCategory, RuleArea } from '@brevet/contracts';
import {
  BRANCH_KINDS,
  CONTINENTS,
  CREDENTIAL_TITLES,
  SCALE_COUNTRIES,
  SCALE_ROLES,
  SIDE_ROLES,
  type BranchKind,
  type ScaleCountry,
} from './scale-catalogue';
import { addMonthsDay, idFor, stream, type Random } from './scale-random';

/**
 * The scale seed's organisation as a pure function of (size, seed, today): regions, branches, roles, the
 * catalogue, the rules, and per person their history, awards and exemptions. Nothing here touches the
 * database (scale-loader.ts writes it). Each person is derived from (seed, index) alone, so every table can be
 * written in its own pass and the same arguments always give the same organisation.
 */

export type ScaleSize = 'S' | 'M' | 'L';

export interface ScaleSizeSpec {
  staff: number;
  branches: number;
  countries: number;
  definitions: number;
  rules: number;
}

/** L as the issue asks; M is a tenth, S a hundredth (with at least 20 credentials and 5 countries). */
export const SCALE_SIZES: Record<ScaleSize, ScaleSizeSpec> = {
  L: { staff: 100_000, branches: 1_000, countries: 20, definitions: 200, rules: 2_000 },
  M: { staff: 10_000, branches: 100, countries: 20, definitions: 20, rules: 200 },
  S: { staff: 1_000, branches: 10, countries: 5, definitions: 20, rules: 20 },
};

export interface ScaleRegion {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface ScaleBranch {
  index: number;
  id: string;
  code: string;
  name: string;
  country: ScaleCountry;
  timezone: string;
  regionId: string;
  /** The branch's region and every region above it. */
  regionPath: string[];
  kind: BranchKind;
  /** How diligent the site is about certificates (0.86–0.99). */
  diligence: number;
}

export interface ScaleRole {
  id: string;
  code: string;
  names: { en: string; de: string };
}

export interface ScaleDefinition {
  index: number;
  id: string;
  versionId: string;
  code: string;
  category: CredentialCategory;
  title: { en: string; de: string };
  validityMonths: number | null;
}

export interface ScaleRule {
  id: string;
  definitionIndex: number;
  roleCode: string | null;
  area: RuleArea;
  regionId: string | null;
  branchId: string | null;
  dueDays: number;
  warningDays: number;
  /** Day number. */
  effectiveFrom: number;
}

export interface ScalePeriod {
  /** Branch index or role code. */
  key: number | string;
  from: number;
  to: number | null;
}

export interface ScalePerson {
  index: number;
  id: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  email: string;
  language: string;
  branch: ScaleBranch;
  managerIndex: number | null;
  hire: number;
  status: 'active' | 'on_leave' | 'left';
  leftOn: number | null;
  branchPeriods: ScalePeriod[];
  rolePeriods: ScalePeriod[];
  /** Roles held now (open periods). */
  roles: string[];
}

export interface ScaleAward {
  id: string;
  definition: ScaleDefinition;
  issuedOn: number;
  validUntil: number | null;
  status: 'active' | 'revoked' | 'superseded';
  renewalOfId: string | null;
  supersededById: string | null;
  countsFrom: 'completion' | 'previous_expiry' | 'never_expires';
  timing: 'first_award' | 'previous_never_expires' | 'inside_window' | 'after_expiry';
}

export interface ScaleExemption {
  definition: ScaleDefinition;
  until: number;
  reason: string;
}

const EXEMPTION_REASONS = [
  'Long-term sick leave; training booked after return.',
  'Parental leave until the date given.',
  'Course cancelled by the provider; rebooked for the next date.',
  'Works only in the office until the site reopens.',
  'Medical certificate: may not take the practical test yet.',
];

export class ScaleOrganisation {
  readonly spec: ScaleSizeSpec;
  readonly regions: ScaleRegion[] = [];
  readonly branches: ScaleBranch[] = [];
  readonly roles: ScaleRole[];
  readonly definitions: ScaleDefinition[] = [];
  readonly rules: ScaleRule[] = [];
  /** The branch of each person (index), and each branch's first person, who manages it. */
  private readonly home: Int32Array;
  private readonly managerOf: Int32Array;
  private readonly roleDefinitions = new Map<string, number[]>();
  private readonly extras: number[] = [];
  /** Rules by the place they cover: 'company', a region ID or a branch ID. */
  private readonly rulesByPlace = new Map<string, ScaleRule[]>();

  constructor(
    readonly size: ScaleSize,
    readonly seed: number,
    /** Day number of the seed's "today". */
    readonly today: number,
  ) {
    this.spec = SCALE_SIZES[size];
    this.roles = SCALE_ROLES.map(([code, en, de]) => ({
      id: this.id('role', code),
      code,
      names: { en, de },
    }));
    this.buildRegionsAndBranches();
    for (const b of this.branches)
      this.byCountry.set(b.country.code, [...(this.byCountry.get(b.country.code) ?? []), b]);
    this.buildCatalogue();
    this.buildRules();
    for (const rule of this.rules) {
      const place = rule.branchId ?? rule.regionId ?? 'company';
      const list = this.rulesByPlace.get(place) ?? [];
      list.push(rule);
      this.rulesByPlace.set(place, list);
    }
    // Everyone's branch first (weighted by branch size), so that each branch's manager is known up front.
    const weights = this.branches.map((b) => {
      const kind = BRANCH_KINDS.find((k) => k.kind === b.kind);
      return (kind?.size ?? 1) * (0.4 + 1.2 * stream(seed, 'branch-size', b.index).next());
    });
    const cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => (cumulative[i] = total += w));
    this.home = new Int32Array(this.spec.staff);
    this.managerOf = new Int32Array(this.branches.length).fill(-1);
    for (let i = 0; i < this.spec.staff; i++) {
      // Every branch gets its manager first; the rest by weight.
      const b = i < this.branches.length ? i : bisect(cumulative, stream(seed, 'home', i).next() * total);
      this.home[i] = b;
      if (this.managerOf[b] === -1) this.managerOf[b] = i;
    }
  }

  private id(kind: string, key: number | string): string {
    return idFor(this.seed, kind, key);
  }

  private buildRegionsAndBranches(): void {
    const random = stream(this.seed, 'organisation');
    const countries = [...SCALE_COUNTRIES].sort((a, b) => b.weight - a.weight).slice(0, this.spec.countries);
    const continents = new Map<string, ScaleRegion>();
    for (const c of CONTINENTS) {
      if (!countries.some((country) => country.continent === c.code)) continue;
      const region = { id: this.id('region', c.code), code: c.code, name: c.name, parentId: null };
      continents.set(c.code, region);
      this.regions.push(region);
    }
    // Branches per country: largest remainder over the weights, at least one each.
    const weightSum = countries.reduce((s, c) => s + c.weight, 0);
    const spare = this.spec.branches - countries.length;
    const exact = countries.map((c) => (spare * c.weight) / weightSum);
    const counts = exact.map((x) => 1 + Math.floor(x));
    let left = this.spec.branches - counts.reduce((s, n) => s + n, 0);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
    for (let k = 0; left > 0; k++, left--) counts[order[k % order.length][1]]++;

    const kinds = BRANCH_KINDS.map((k) => k.kind);
    const shares = BRANCH_KINDS.map((k) => k.share);
    countries.forEach((country, ci) => {
      const continent = continents.get(country.continent) as ScaleRegion;
      const countryRegion = {
        id: this.id('region', country.code),
        code: country.code,
        name: country.name,
        parentId: continent.id,
      };
      this.regions.push(countryRegion);
      const parts = country.parts.map((part) => {
        if (part.name === null) return { part, region: countryRegion };
        const region = {
          id: this.id('region', `${country.code}-${part.name}`),
          code: `${country.code}-${part.name.toUpperCase()}`,
          name: `${country.name} ${part.name}`,
          parentId: countryRegion.id,
        };
        this.regions.push(region);
        return { part, region };
      });
      const perCity = new Map<string, number>();
      for (let n = 0; n < counts[ci]; n++) {
        const { part, region } = parts[n % parts.length];
        const city = part.cities[Math.floor(n / parts.length) % part.cities.length];
        const seq = (perCity.get(city) ?? 0) + 1;
        perCity.set(city, seq);
        const kind = random.weighted(kinds, shares);
        const label = BRANCH_KINDS.find((k) => k.kind === kind)?.label ?? 'Site';
        const cityCode = city
          .normalize('NFD')
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 3)
          .toUpperCase();
        const index = this.branches.length;
        this.branches.push({
          index,
          id: this.id('branch', index),
          code: `${country.code}-${cityCode}-${String(seq).padStart(3, '0')}`,
          name: `${city} ${label}${seq > 1 ? ` ${seq}` : ''}`,
          country,
          timezone: part.timezone,
          regionId: region.id,
          regionPath:
            region === countryRegion
              ? [countryRegion.id, continent.id]
              : [region.id, countryRegion.id, continent.id],
          kind,
          diligence: 0.86 + 0.13 * random.next(),
        });
      }
    });
  }

  private buildCatalogue(): void {
    const d = this.spec.definitions;
    for (let i = 0; i < d; i++) {
      const random = stream(this.seed, 'definition', i);
      const [category, en, de] = CREDENTIAL_TITLES[i % CREDENTIAL_TITLES.length];
      const level = Math.floor(i / CREDENTIAL_TITLES.length);
      const validityMonths =
        i === 0 ? 12 : i === 1 ? 24 : i === 2 ? null : random.pick([12, 12, 24, 24, 24, 36, 36, 60, null]);
      this.definitions.push({
        index: i,
        id: this.id('definition', i),
        versionId: this.id('definition-version', i),
        code: `SC-${String(i + 1).padStart(3, '0')}-${en
          .toUpperCase()
          .replace(/[^A-Z0-9]+/g, '-')
          .slice(0, 24)
          .replace(/-$/, '')}`,
        category,
        title:
          level === 0 ? { en, de } : { en: `${en} (level ${level + 1})`, de: `${de} (Stufe ${level + 1})` },
        validityMonths,
      });
    }
    // Pools: 0–2 for everyone; then role credentials, country credentials, site credentials, extras.
    const rolePool = range(3, 3 + Math.ceil(0.4 * d));
    const countryPool = range(
      rolePool[rolePool.length - 1] + 1,
      rolePool[rolePool.length - 1] + 1 + Math.ceil(0.15 * d),
    );
    const sitePool = range(
      countryPool[countryPool.length - 1] + 1,
      Math.min(d, countryPool[countryPool.length - 1] + 1 + Math.ceil(0.2 * d)),
    );
    const extraStart = (sitePool[sitePool.length - 1] ?? countryPool[countryPool.length - 1]) + 1;
    this.extras.push(...range(extraStart, d), ...sitePool.slice(0, 2));
    for (const [code] of SCALE_ROLES) {
      const random = stream(this.seed, 'role-credentials', code);
      this.roleDefinitions.set(code, random.sample(rolePool, random.int(1, 3)));
    }
    this.countryPool = countryPool;
    this.sitePool = sitePool.length > 0 ? sitePool : countryPool;
  }

  private countryPool: number[] = [];
  private readonly byCountry = new Map<string, ScaleBranch[]>();
  private sitePool: number[] = [];

  private buildRules(): void {
    const budget = this.spec.rules;
    const random = stream(this.seed, 'rules');
    const add = (rule: Omit<ScaleRule, 'id' | 'dueDays' | 'warningDays' | 'effectiveFrom'>) => {
      if (this.rules.length >= budget) return;
      // Most rules are old; some started recently (people in grace); a few start in the coming weeks.
      const r = random.next();
      const effectiveFrom =
        r < 0.04
          ? this.today - random.int(0, 60)
          : r < 0.06
            ? this.today + random.int(1, 90)
            : this.today - random.int(120, 365 * 11);
      this.rules.push({
        ...rule,
        id: this.id('rule', this.rules.length),
        dueDays: random.pick([14, 30, 30, 60, 90]),
        warningDays: random.pick([30, 60, 60, 90]),
        effectiveFrom,
      });
    };
    // 1. Everyone in the company.
    for (const d of [0, 1, 2])
      add({ definitionIndex: d, roleCode: null, area: 'company', regionId: null, branchId: null });
    // 2. Company-wide per role.
    const roleCap = this.rules.length + Math.max(1, Math.floor(0.3 * budget));
    for (const [code] of SCALE_ROLES) {
      for (const d of this.roleDefinitions.get(code) ?? []) {
        if (this.rules.length < roleCap)
          add({ definitionIndex: d, roleCode: code, area: 'company', regionId: null, branchId: null });
      }
    }
    // 3. Per country: one for everyone there, then a few for roles.
    const countries = this.regions.filter(
      (r) => r.parentId !== null && this.regions.some((c) => c.id === r.parentId && c.parentId === null),
    );
    for (const country of countries)
      add({
        definitionIndex: random.pick(this.countryPool),
        roleCode: null,
        area: 'region',
        regionId: country.id,
        branchId: null,
      });
    const mainRoles = BRANCH_KINDS.flatMap((k) => k.roles.slice(0, 4).map(([code]) => code));
    for (let round = 0; round < 4; round++) {
      for (const country of countries)
        add({
          definitionIndex: random.pick(this.countryPool),
          roleCode: random.pick(mainRoles),
          area: 'region',
          regionId: country.id,
          branchId: null,
        });
    }
    // 4. Some sub-regions.
    const parts = this.regions.filter((r) => r.code.includes('-'));
    const partCap = this.rules.length + Math.floor(0.05 * budget);
    for (let k = 0; parts.length > 0 && this.rules.length < Math.min(partCap, budget); k++)
      add({
        definitionIndex: random.pick(this.sitePool),
        roleCode: random.chance(0.2) ? null : random.pick(mainRoles),
        area: 'region',
        regionId: parts[k % parts.length].id,
        branchId: null,
      });
    // 5. Branch rules fill the rest: site credentials for the roles that site has.
    for (let k = 0; this.rules.length < budget; k++) {
      const branch = this.branches[random.int(0, this.branches.length - 1)];
      const kind = BRANCH_KINDS.find((x) => x.kind === branch.kind);
      const roles = (kind?.roles ?? []).map(([code]) => code);
      add({
        definitionIndex: random.pick(this.sitePool),
        roleCode: random.chance(0.3) ? null : random.pick(roles.slice(0, 5)),
        area: 'branch',
        regionId: null,
        branchId: branch.id,
      });
      if (k > budget * 10) break;
    }
  }

  /** One person, derived from (seed, index) alone. */
  person(index: number): ScalePerson {
    const random = stream(this.seed, 'person', index);
    const branch = this.branches[this.home[index]];
    const isManager = this.managerOf[branch.index] === index;
    const country = branch.country;
    const today = this.today;
    // Hire day: many recent hires, a long tail back to 25 years ago.
    const daysAgo = Math.max(1, Math.min(365 * 25, Math.floor(-Math.log(1 - random.next()) * 365 * 6)));
    const hire = today - daysAgo;
    const status: ScalePerson['status'] = isManager
      ? 'active'
      : random.chance(0.05) && daysAgo > 60
        ? 'left'
        : random.chance(0.03)
          ? 'on_leave'
          : 'active';
    const leftOn = status === 'left' ? today - random.int(1, Math.min(700, daysAgo - 31)) : null;
    const end = leftOn;

    // Branch history: most stayed; some moved (usually within the country); a few came back after a gap, and
    // a few have a move recorded ahead.
    const branchPeriods: ScalePeriod[] = [];
    const last = leftOn ?? today;
    if (!isManager && daysAgo > 400 && random.chance(0.15)) {
      const sameCountry = (this.byCountry.get(country.code) ?? []).filter((b) => b !== branch);
      const before =
        sameCountry.length > 0 && random.chance(0.85) ? random.pick(sameCountry) : random.pick(this.branches);
      const moveOn = hire + random.int(200, Math.max(201, last - hire - 30));
      if (moveOn < last) {
        const gap = random.chance(0.1) ? random.int(30, 60) : 0;
        const earlier = random.chance(0.2) ? random.pick(this.branches) : null;
        if (earlier && moveOn - hire > 400) {
          const firstMove = hire + random.int(100, moveOn - hire - 100);
          branchPeriods.push({ key: earlier.index, from: hire, to: firstMove });
          branchPeriods.push({ key: before.index, from: firstMove, to: moveOn - gap });
        } else {
          branchPeriods.push({ key: before.index, from: hire, to: moveOn - gap });
        }
        branchPeriods.push({ key: branch.index, from: moveOn, to: end });
      }
    }
    if (branchPeriods.length === 0) {
      // A handful have their start at this branch recorded ahead of time.
      const from =
        !isManager && status === 'active' && random.chance(0.003) ? today + random.int(1, 30) : hire;
      branchPeriods.push({ key: branch.index, from: from === hire ? hire : from, to: end });
      if (from !== hire)
        branchPeriods.unshift({ key: random.pick(this.branches).index, from: hire, to: from });
    }

    // Roles: the main role of the site kind (since hire, or since a role change), and side roles.
    const kind = BRANCH_KINDS.find((k) => k.kind === branch.kind) ?? BRANCH_KINDS[0];
    const main = isManager
      ? 'BRANCH-MGR'
      : random.weighted(
          kind.roles.map(([code]) => code),
          kind.roles.map(([, w]) => w),
        );
    const rolePeriods: ScalePeriod[] = [];
    if (!isManager && daysAgo > 500 && random.chance(0.1)) {
      const previous = random.weighted(
        kind.roles.map(([code]) => code),
        kind.roles.map(([, w]) => w),
      );
      const change = hire + random.int(100, daysAgo - 100);
      if (previous !== main && change < last) {
        rolePeriods.push({ key: previous, from: hire, to: change });
        rolePeriods.push({ key: main, from: change, to: end });
      }
    }
    if (rolePeriods.length === 0) rolePeriods.push({ key: main, from: hire, to: end });
    for (const [code, chance] of SIDE_ROLES) {
      if (kind.kind === 'office' && code === 'SHIFT-LEAD') continue;
      if (!random.chance(chance)) continue;
      const from = hire + random.int(0, Math.max(0, last - hire - 1));
      if (from < last || (end === null && from <= today)) rolePeriods.push({ key: code, from, to: end });
    }
    const roles =
      end === null ? [...new Set(rolePeriods.filter((p) => p.to === null).map((p) => String(p.key)))] : [];

    const given = random.pick(country.given);
    const family = random.pick(country.family);
    const number = 1_000_000 + index;
    const managerIndex = isManager ? null : this.managerOf[branch.index];
    return {
      index,
      id: this.id('staff', index),
      employeeNumber: String(number),
      givenName: given,
      familyName: family,
      email: `p${number}@scale.example.com`,
      language: country.language,
      branch,
      managerIndex: managerIndex === -1 ? null : managerIndex,
      hire,
      status,
      leftOn,
      branchPeriods,
      rolePeriods,
      roles,
    };
  }

  staffId(index: number): string {
    return this.id('staff', index);
  }

  /** The credentials the rules require of the person now (ignoring when the rules take effect). */
  requiredDefinitions(person: ScalePerson): number[] {
    if (person.leftOn !== null) return [];
    const places = ['company', ...person.branch.regionPath, person.branch.id];
    const required = new Set<number>();
    for (const place of places) {
      for (const rule of this.rulesByPlace.get(place) ?? []) {
        if (rule.roleCode === null || person.roles.includes(rule.roleCode))
          required.add(rule.definitionIndex);
      }
    }
    return [...required].sort((a, b) => a - b);
  }

  /**
   * The person's awards: for most required credentials a chain of renewals ending in the active award (mostly
   * valid, about a tenth expiring within 90 days, about a tenth expired), some revoked, a few recorded ahead;
   * newcomers often still without; and a few credentials nobody requires.
   */
  awards(person: ScalePerson): ScaleAward[] {
    const random = stream(this.seed, 'awards', person.index);
    const required = this.requiredDefinitions(person);
    const held: number[] = [];
    const newcomer = this.today - person.hire < 90;
    for (const d of required) {
      if (random.chance(newcomer ? 0.45 : person.branch.diligence)) held.push(d);
    }
    if (random.chance(0.5)) held.push(random.pick(this.extras.length > 0 ? this.extras : [0]));
    if (person.leftOn !== null)
      for (let k = random.int(1, 4); k > 0; k--) held.push(random.int(0, this.definitions.length - 1));
    const awards: ScaleAward[] = [];
    for (const d of new Set(held))
      awards.push(...this.chain(person, this.definitions[d], random, awards.length));
    return awards;
  }

  private chain(
    person: ScalePerson,
    definition: ScaleDefinition,
    random: Random,
    offset: number,
  ): ScaleAward[] {
    const months = definition.validityMonths;
    const today = this.today;
    const id = (k: number) => this.id('award', `${person.index}:${offset + k}`);
    const latestEnd = person.leftOn ?? today;
    if (months === null) {
      const issuedOn = Math.min(latestEnd, person.hire + random.int(-200, 300));
      const revoked = random.chance(0.02);
      return [
        {
          id: id(0),
          definition,
          issuedOn,
          validUntil: null,
          status: revoked ? 'revoked' : 'active',
          renewalOfId: null,
          supersededById: null,
          countsFrom: 'never_expires',
          timing: 'first_award',
        },
      ];
    }
    // The latest award's last valid day, relative to today.
    const u = random.next();
    const span = addMonthsDay(today, months) - today;
    let validUntil =
      u < 0.08
        ? today - random.int(1, 400)
        : u < 0.16
          ? today + random.int(0, 90)
          : today + random.int(91, Math.max(92, span - 1));
    if (person.leftOn !== null) validUntil = person.leftOn + random.int(-300, span);
    let issuedOn = addMonthsDay(validUntil + 1, -months);
    if (random.chance(0.003)) {
      issuedOn = today + random.int(1, 20); // booked ahead: not yet valid
      validUntil = addMonthsDay(issuedOn, months) - 1;
    }
    const chain: Array<{ issuedOn: number; validUntil: number }> = [{ issuedOn, validUntil }];
    const history = random.chance(0.35) ? (random.chance(0.2) ? 2 : 1) : 0;
    for (let k = 0; k < history; k++) {
      const next = chain[0];
      const prevIssued = addMonthsDay(next.issuedOn, -months) - random.int(0, 40);
      chain.unshift({
        issuedOn: prevIssued,
        validUntil: Math.max(prevIssued, addMonthsDay(prevIssued, months) - 1),
      });
    }
    const revokeLatest = random.chance(0.02);
    return chain.map((c, k) => {
      const latest = k === chain.length - 1;
      const previous = k > 0 ? chain[k - 1] : null;
      return {
        id: id(k),
        definition,
        issuedOn: c.issuedOn,
        validUntil: c.validUntil,
        status: latest ? (revokeLatest ? 'revoked' : 'active') : 'superseded',
        renewalOfId: k > 0 ? id(k - 1) : null,
        supersededById: latest ? null : id(k + 1),
        countsFrom: 'completion',
        timing:
          previous === null
            ? 'first_award'
            : c.issuedOn > previous.validUntil
              ? 'after_expiry'
              : 'inside_window',
      };
    });
  }

  /** A few exemptions, some already over. */
  exemptions(person: ScalePerson): ScaleExemption[] {
    const random = stream(this.seed, 'exemptions', person.index);
    const result: ScaleExemption[] = [];
    for (const d of this.requiredDefinitions(person)) {
      if (!random.chance(0.004)) continue;
      result.push({
        definition: this.definitions[d],
        until: this.today + random.int(-150, 300),
        reason: random.pick(EXEMPTION_REASONS),
      });
    }
    return result;
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** The first index whose cumulative weight exceeds `x`. */
function bisect(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
