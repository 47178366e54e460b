import { isCountryCode } from './country';

describe('isCountryCode', () => {
  it.each(['DE', 'AT', 'CH', 'PL', 'GB'])('accepts %s', (code) => expect(isCountryCode(code)).toBe(true));
  it.each(['de', 'XX', 'EU', 'UK', 'ZZ', 'DEU', ''])('rejects %j', (code) =>
    expect(isCountryCode(code)).toBe(false),
  );
});
