import { readAwardCsv } from './award-csv.util';

const read = (text: string) => readAwardCsv(Buffer.from(text, 'utf8'));

describe('readAwardCsv', () => {
  it('maps English, German and alias headers in any order and reads both date formats', () => {
    const file = read(
      'Abschlussdatum,Personal-Nr,Zertifikat,Punkte\n01.03.2026,100234,first-aid,"87,5"\n2026-03-02,100235,GDPR,\n',
    );
    expect(file).toMatchObject({ delimiter: ',', encoding: 'utf-8', dataRows: 2, issues: [] });
    expect(file.columns).toEqual({
      completed_on: 'Abschlussdatum',
      employee_number: 'Personal-Nr',
      credential_code: 'Zertifikat',
      score: 'Punkte',
    });
    expect(file.rows).toEqual([
      {
        row: 2,
        employeeNumber: '100234',
        credentialCode: 'FIRST-AID',
        completedOn: '2026-03-01',
        score: 87.5,
      },
      { row: 3, employeeNumber: '100235', credentialCode: 'GDPR', completedOn: '2026-03-02', score: null },
    ]);
  });

  it('reports bad cells by spreadsheet row and keeps the good rows', () => {
    const file = read(
      [
        'employee_number;credential_code;completed_on;score',
        '1;A;2026-01-01;50 %',
        '2;B;1.1.26;',
        '3;C;2026-01-01;abc',
        ';D;2026-01-01;',
        '5;E;"2026-01-01";1;extra',
        '',
        '6;F;2026-01-01;',
      ].join('\n'),
    );
    expect(file.rows.map((r) => [r.row, r.score])).toEqual([
      [2, 50],
      [8, null],
    ]);
    expect(file.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, 'completed_on', 'row.invalid_date'],
      [4, 'score', 'row.invalid_score'],
      [5, 'employee_number', 'row.required'],
      [6, null, 'row.field_count'],
    ]);
    expect(file.issues[0].message).toContain('two-digit year');
    expect(file.dataRows).toBe(6);
  });

  it('stops at header problems and says what the header has', () => {
    const file = read('employee_number,code,credential,completed_on\n1,A,B,2026-01-01');
    expect(file.issues.map((i) => i.code)).toEqual(['header.duplicate_column']);
    expect(file.rows).toEqual([]);
    const missing = read('name,date\nx,2026-01-01');
    expect(missing.issues.map((i) => i.code)).toEqual([
      'header.unknown_column',
      'header.unknown_column',
      'header.missing_column',
    ]);
    expect(missing.issues[2].message).toContain('The header row has: "name", "date"');
  });

  it('refuses more than 5,000 award rows', () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `${i};A;2026-01-01`);
    const file = read(['employee_number;credential_code;completed_on', ...rows].join('\n'));
    expect(file.issues).toMatchObject([{ row: 5002, code: 'file.too_many_rows' }]);
  });
});
