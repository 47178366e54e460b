import { ScimException } from './scim.exception';
import { evaluateFilter, parseFilter, parsePatchPath, type ScimFilter } from './scim-filter';
import { compileFilter, GROUP_FILTER_CONTEXT, SqlParams, USER_FILTER_CONTEXT } from './scim-filter-sql';
import type { JsonObject } from './scim-schema';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function invalid(input: string): ScimException {
  try {
    parseFilter(input);
  } catch (error) {
    if (error instanceof ScimException) return error;
    throw error;
  }
  throw new Error(`"${input}" parsed`);
}

describe('parseFilter', () => {
  it('parses what Entra ID and Okta send', () => {
    expect(parseFilter('userName eq "anna@example.com"')).toEqual({
      kind: 'compare',
      path: { schema: undefined, attr: 'userName', sub: undefined },
      op: 'eq',
      value: 'anna@example.com',
    });
    expect(parseFilter(`${ENTERPRISE}:employeeNumber eq "100234"`)).toMatchObject({
      path: { schema: ENTERPRISE, attr: 'employeeNumber' },
    });
    expect(parseFilter('emails.value eq "a@b.c"')).toMatchObject({ path: { attr: 'emails', sub: 'value' } });
  });

  it('reads operators and keywords in any case', () => {
    expect(parseFilter('userName EQ "x" AND active Eq TRUE')).toEqual({
      kind: 'and',
      left: expect.objectContaining({ op: 'eq', value: 'x' }),
      right: expect.objectContaining({ op: 'eq', value: true }),
    });
    expect(parseFilter('title PR')).toMatchObject({ kind: 'present' });
  });

  it('binds and tighter than or, honours parentheses and not', () => {
    const f = parseFilter('a eq 1 or b eq 2 and c eq 3');
    expect(f).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    const g = parseFilter('(a eq 1 or b eq 2) and not (c eq 3)');
    expect(g).toMatchObject({ kind: 'and', left: { kind: 'or' }, right: { kind: 'not' } });
  });

  it('parses value filters and string escapes', () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toMatchObject({
      kind: 'valuePath',
      path: { attr: 'emails' },
      filter: { kind: 'and' },
    });
    expect(parseFilter('displayName eq "Say \\"hi\\" ] ("')).toMatchObject({ value: 'Say "hi" ] (' });
    expect(parseFilter('meta.lastModified gt "2026-01-01T00:00:00Z"')).toMatchObject({ op: 'gt' });
    expect(parseFilter('x eq null')).toMatchObject({ value: null });
    expect(parseFilter('x ge -1.5')).toMatchObject({ value: -1.5 });
  });

  it.each([
    ['', 'empty'],
    ['userName', 'an operator'],
    ['userName eq', 'a value'],
    ['userName like "x"', 'unknown operator'],
    ['userName eq "x', 'unterminated'],
    ['userName eq x', 'a value'],
    ['(userName eq "x"', '")"'],
    ['userName eq "x" extra', 'unexpected'],
    ['user name eq "x"', 'operator'],
    ['emails[type eq "work"', '"]"'],
    ['a.b.c eq "x"', 'not an attribute path'],
    ['"x" eq "x"', 'attribute name'],
    ['not userName eq "x"', '"("'],
  ])('rejects %j with invalidFilter (%s)', (input, hint) => {
    const error = invalid(input);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    expect(error.detail).toContain(hint);
  });

  it('refuses deeply nested filters instead of overflowing the stack', () => {
    expect(invalid(`${'('.repeat(40)}a eq 1${')'.repeat(40)}`).detail).toContain('nested too deeply');
    expect(invalid(`a eq "${'x'.repeat(5000)}"`).detail).toContain('longer than');
  });
});

describe('parsePatchPath', () => {
  it('parses attributes, value filters with sub-attributes and extension paths', () => {
    expect(parsePatchPath('name.givenName')).toMatchObject({ attr: 'name', sub: 'givenName' });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({
      attr: 'emails',
      sub: 'value',
      filter: { kind: 'compare', value: 'work' },
    });
    expect(parsePatchPath('members[value eq "2819c223"]')).toMatchObject({ attr: 'members', sub: undefined });
    expect(parsePatchPath(`${ENTERPRISE}:manager`)).toMatchObject({ schema: ENTERPRISE, attr: 'manager' });
    expect(parsePatchPath(`${ENTERPRISE}:manager.value`)).toMatchObject({ attr: 'manager', sub: 'value' });
  });

  it.each(['', 'a b', 'emails[type eq "work"', 'emails[type eq "work"]value', 'name.givenName[x eq 1]'])(
    'rejects %j with invalidPath',
    (input) => {
      expect(() => parsePatchPath(input)).toThrow(expect.objectContaining({ scimType: 'invalidPath' }));
    },
  );
});

describe('evaluateFilter', () => {
  const user: JsonObject = {
    userName: 'Anna@Example.com',
    externalId: 'AbC',
    active: true,
    title: 'Lagerist',
    emails: [
      { value: 'anna@example.com', type: 'work', primary: true },
      { value: 'anna@home.example', type: 'home' },
    ],
    [ENTERPRISE]: { employeeNumber: '100234', manager: { value: 'm-1' } },
  };
  const caseExact = (p: { attr: string }) => p.attr === 'externalId';
  const matches = (filter: string) => evaluateFilter(parseFilter(filter), user, caseExact);

  it.each<[string, boolean]>([
    ['userName eq "anna@example.com"', true],
    ['USERNAME eq "ANNA@EXAMPLE.COM"', true],
    ['externalId eq "abc"', false],
    ['externalId eq "AbC"', true],
    ['emails.value eq "anna@home.example"', true],
    ['emails eq "anna@home.example"', true],
    ['emails[type eq "work" and value sw "anna@"]', true],
    ['emails[type eq "home" and primary eq true]', false],
    [`${ENTERPRISE}:employeeNumber eq "100234"`, true],
    [`${ENTERPRISE}:manager.value eq "m-1"`, true],
    ['title co "ageri"', true],
    ['title ew "ist" and not (title sw "X")', true],
    ['nickName pr', false],
    ['title pr', true],
    ['active eq true', true],
    ['active eq false', false],
    ['userName ne "nobody"', true],
    ['nickName eq null', true],
  ])('%s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });
});

describe('compileFilter', () => {
  const compile = (filter: ScimFilter, context = USER_FILTER_CONTEXT) => {
    const params = new SqlParams();
    return { sql: compileFilter(filter, context, params), values: params.values };
  };

  it('uses columns for userName (ignoring case), externalId (exact) and employee number', () => {
    expect(compile(parseFilter('userName eq "Anna"'))).toEqual({
      sql: 'COALESCE(lower(u.user_name) = lower($1), false)',
      values: ['Anna'],
    });
    expect(compile(parseFilter('externalId eq "X"')).sql).toBe('COALESCE(u.external_id = $1, false)');
    expect(compile(parseFilter(`${ENTERPRISE}:employeeNumber eq "1"`)).sql).toContain('s.employee_number');
    expect(compile(parseFilter('active eq "False"'))).toEqual({ sql: '(u.active = $1)', values: [false] });
  });

  it('binds every value and escapes LIKE wildcards', () => {
    const { sql, values } = compile(parseFilter(`userName co "50%_off'); DROP TABLE staff; --"`));
    expect(sql).not.toContain('DROP');
    expect(values).toEqual([`%50\\%\\_off'); DROP TABLE staff; --%`]);
  });

  it('looks up other attributes in the stored representation through bound JSON paths', () => {
    const { sql, values } = compile(parseFilter('emails[type eq "work"]'));
    expect(sql).toContain('jsonb_path_query(u.raw, $1::jsonpath)');
    expect(values).toEqual(['$."emails"[*]', '$."type"[*]', 'work']);
    expect(compile(parseFilter('title eq "x"')).values[0]).toBe('$."title"[*]');
    expect(compile(parseFilter(`${ENTERPRISE.toUpperCase()}:DEPARTMENT eq "x"`)).values[0]).toBe(
      `$."${ENTERPRISE}"[*]."department"[*]`,
    );
  });

  it('filters group members through the membership table', () => {
    const byMember = compile(parseFilter('members[value eq "ABC"]'), GROUP_FILTER_CONTEXT);
    expect(byMember.sql).toContain('FROM scim_group_member m');
    expect(byMember.values).toEqual(['abc']);
    expect(compile(parseFilter('members.value eq "abc"'), GROUP_FILTER_CONTEXT).sql).toContain(
      'm.user_id::text',
    );
  });

  it('answers invalidFilter for attributes groups do not have', () => {
    expect(() => compile(parseFilter('title eq "x"'), GROUP_FILTER_CONTEXT)).toThrow(
      expect.objectContaining({ scimType: 'invalidFilter' }),
    );
    expect(() => compile(parseFilter('active co "t"'))).toThrow(
      expect.objectContaining({ scimType: 'invalidFilter' }),
    );
  });
});
