import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** What a message looked like when it arrived. */
export interface ArrivedMail {
  from: string;
  to: string[];
  /** The user the client signed in as, if it did. */
  user: string | null;
  raw: string;
  parsed: ParsedMail;
  messageId: string;
}

/** A reply the server gives instead of accepting: e.g. `{ code: 451, message: 'try later' }`. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface TestSmtpOptions {
  /** Accept only this user and password (AUTH over plain text, loopback only). */
  auth?: { user: string; password: string };
  /** At most this many connections at once; further ones are refused with 421. */
  maxClients?: number;
  /** Decides, per message, to refuse it after DATA (it is then not counted as arrived). */
  refuseData?: (mail: ArrivedMail, index: number) => SmtpRefusal | null;
  /** Decides, per recipient, to refuse it at RCPT TO. */
  refuseRecipient?: (address: string) => SmtpRefusal | null;
  /** Decides, per connection, to refuse it at once (e.g. 421 while another message is on its way). */
  refuseConnection?: (openConnections: number) => SmtpRefusal | null;
  /** Runs once a message has been read completely and kept, before the server answers 250. */
  beforeAccept?: (mail: ArrivedMail) => void | Promise<void>;
}

/**
 * A real SMTP server on a random loopback port (the `smtp-server` package), keeping every message it accepted,
 * parsed with `mailparser`. Tests read what arrived from `arrived`.
 */
export class TestSmtpServer {
  readonly arrived: ArrivedMail[] = [];
  /** Messages read completely, whether then accepted or refused. */
  dataCount = 0;
  /** Connections refused by `refuseConnection`. */
  refusedConnections = 0;
  /** Connections open right now. */
  openConnections = 0;
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const ref: { current?: TestSmtpServer } = {};
    const server = new SMTPServer({
      logger: false,
      secure: false,
      hideSTARTTLS: true,
      disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !options.auth,
      allowInsecureAuth: true,
      maxClients: options.maxClients,
      onConnect(session, callback) {
        const target = ref.current as TestSmtpServer;
        const refusal = options.refuseConnection?.(target.openConnections);
        if (refusal) {
          target.refusedConnections += 1;
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        target.openConnections += 1;
        (session as SMTPServerSession & { counted?: boolean }).counted = true;
        callback();
      },
      onClose(session) {
        if ((session as SMTPServerSession & { counted?: boolean }).counted)
          (ref.current as TestSmtpServer).openConnections -= 1;
      },
      onAuth(auth, _session, callback) {
        if (options.auth && auth.username === options.auth.user && auth.password === options.auth.password)
          callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, callback) {
        const refusal = options.refuseRecipient?.(address.address);
        if (refusal) callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        else callback();
      },
      onData(stream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then(async (parsed) => {
              const mail: ArrivedMail = {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                user: (session.user as string | undefined) ?? null,
                raw,
                parsed,
                messageId: parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, '')}>` : '',
              };
              const target = ref.current as TestSmtpServer;
              const index = target.dataCount;
              target.dataCount += 1;
              const refusal = options.refuseData?.(mail, index);
              if (refusal) {
                callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
                return;
              }
              // The server has the message now; the hook may stop the client before it hears the 250.
              target.arrived.push(mail);
              await options.beforeAccept?.(mail);
              callback(null, `Ok: queued as T${index}`);
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    ref.current = new TestSmtpServer(server, address.port);
    return ref.current;
  }

  /** The environment that points Brevet at this server. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.port),
      SMTP_TLS: 'none',
      SMTP_FROM: 'Brevet <brevet@brevet.test>',
      ...extra,
    };
  }

  /** Messages that arrived for `address`. */
  to(address: string): ArrivedMail[] {
    return this.arrived.filter((m) => m.to.includes(address));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
