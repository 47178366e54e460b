import { isValidRequestId, requestIdFor } from '../common/request-id';
import { readJobTrace, splitTracedData, TRACE_FIELD } from './job-trace';

const USER = '0b7a3f2e-5c1d-4e8f-9a6b-2d4c6e8f0a1b';

describe('request IDs', () => {
  it.each([
    ['abc-123', true],
    ['a.b_c-D', true],
    ['x'.repeat(100), true],
    ['x'.repeat(101), false],
    ['', false],
    ['abc def', false],
    ['abc"}', false],
    ['abc\ndef', false],
    ['ünïcode', false],
    [42, false],
    [undefined, false],
  ])('%j is acceptable: %s', (value, ok) => {
    expect(isValidRequestId(value)).toBe(ok);
    if (ok) expect(requestIdFor(value)).toBe(value);
    else expect(requestIdFor(value)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('job traces', () => {
  it('reads a stored trace, dropping what is malformed', () => {
    expect(readJobTrace({ requestId: 'r-1', actorId: USER })).toEqual({ requestId: 'r-1', actorId: USER });
    expect(readJobTrace({ requestId: 'r-1', actorId: 'Jane Doe' })).toEqual({
      requestId: 'r-1',
      actorId: null,
    });
    expect(readJobTrace({ requestId: 'r 1"}', actorId: USER })).toBeNull();
    expect(readJobTrace('r-1')).toBeNull();
    expect(readJobTrace(null)).toBeNull();
  });

  it('splits BullMQ job data into payload and trace', () => {
    const trace = { requestId: 'r-1', actorId: null };
    expect(splitTracedData({ regionId: 'x', [TRACE_FIELD]: trace })).toEqual({
      payload: { regionId: 'x' },
      trace,
    });
    // Jobs queued before traces existed.
    expect(splitTracedData({ regionId: 'x' })).toEqual({ payload: { regionId: 'x' }, trace: null });
  });
});
