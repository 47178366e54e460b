import type { NodemailerError } from 'nodemailer';
import { MailNotSentError, MailRejectedError } from './mail-transport.port';
import { classifySmtpError } from './smtp-mail-transport';

const error = (fields: Partial<NodemailerError>): NodemailerError =>
  Object.assign(new Error('boom'), fields) as NodemailerError;

describe('classifySmtpError: retry only what certainly did not go out', () => {
  it.each([
    [
      '451 temporary local problem',
      { code: 'EMESSAGE', responseCode: 451, command: 'DATA' },
      MailNotSentError,
    ],
    ['421 too busy at greeting', { code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, MailNotSentError],
    ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503 }, MailNotSentError],
    ['535 wrong password', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, MailNotSentError],
    ['550 no such mailbox', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, MailRejectedError],
    ['554 refused after DATA', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, MailRejectedError],
    [
      'connection refused',
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' },
      MailNotSentError,
    ],
    ['DNS failure', { code: 'EDNS' }, MailNotSentError],
    ['greeting timeout', { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }, MailNotSentError],
    ['no recipients', { code: 'EENVELOPE' }, MailRejectedError],
  ] as const)('%s', (_name, fields, type) => {
    expect(classifySmtpError(error(fields as Partial<NodemailerError>))).toBeInstanceOf(type);
  });

  it.each([
    ['idle timeout while the message was on its way', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }],
    ['connection closed during DATA', { code: 'ECONNECTION', command: 'DATA' }],
    ['socket reset mid-message', { code: 'ESOCKET', originalCode: 'ECONNRESET' }],
  ] as const)('%s: unknown outcome, returned as it is', (_name, fields) => {
    const e = error(fields as Partial<NodemailerError>);
    expect(classifySmtpError(e)).toBe(e);
  });
});
