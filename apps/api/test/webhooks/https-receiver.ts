import * as forge from 'node-forge';
import { generateKeyPairSync } from 'node:crypto';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

/** A throwaway CA and a server certificate it signed, for 127.0.0.1 and localhost, made in the test. */
export function makeTestTls(): { caPem: string; keyPem: string; certPem: string } {
  const keys = () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      privateKey: forge.pki.privateKeyFromPem(
        pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      ),
      publicKey: forge.pki.publicKeyFromPem(
        pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      ),
    };
  };
  const validity = (cert: forge.pki.Certificate, serial: string) => {
    cert.serialNumber = serial;
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  };
  const caKeys = keys();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  validity(ca, '01');
  const caName = [{ name: 'commonName', value: 'Brevet webhook test CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = keys();
  const server = forge.pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  validity(server, '02');
  server.setSubject([{ name: 'commonName', value: 'localhost' }]);
  server.setIssuer(caName);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(ca),
    keyPem: forge.pki.privateKeyToPem(serverKeys.privateKey),
    certPem: forge.pki.certificateToPem(server),
  };
}

export interface ReceivedRequest {
  at: number;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTPS server on loopback that records every request and answers as `respond` says. */
export class HttpsReceiver {
  readonly requests: ReceivedRequest[] = [];
  respond: (request: ReceivedRequest) => { status: number; body: string } = () => ({
    status: 200,
    body: 'ok',
  });
  private server?: https.Server;

  constructor(private readonly tls: { keyPem: string; certPem: string }) {}

  async start(): Promise<string> {
    this.server = https.createServer({ key: this.tls.keyPem, cert: this.tls.certPem }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = {
          at: Date.now(),
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(received);
        const answer = this.respond(received);
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
