import { isPrivateAddress, webhookUrlProblem } from './webhook-url.util';

describe('webhook URL rules', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['93.184.216.34', false],
    ['2606:4700::1111', false],
    ['::ffff:93.184.216.34', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it.each([
    ['http://example.com/hook', /only https/],
    ['ftp://example.com/hook', /only https/],
    ['https://user:pw@example.com/hook', /user name/],
    ['https://127.0.0.1/hook', /private/],
    ['https://[::1]:8443/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /private/],
    ['https://localhost/hook', /loopback/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url, false)).toMatch(problem);
  });

  it('accepts public https URLs, and private hosts only when allowed', () => {
    expect(webhookUrlProblem('https://hooks.example.com/brevet?x=1', false)).toBeNull();
    expect(webhookUrlProblem('https://127.0.0.1:8443/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1/hook', true)).toMatch(/only https/);
  });
});
