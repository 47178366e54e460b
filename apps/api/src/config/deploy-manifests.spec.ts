import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { envSchema } from './config.schema';

// The compose file and the Kubernetes manifests cannot run on this machine (no container engine), so this
// reads them: every service and probe is there, and every variable they set is one Brevet reads.
const DOCKER = path.resolve(__dirname, '../../../../docker');
const KNOWN = new Set(Object.keys(envSchema.shape));
const read = (file: string) => fs.readFileSync(path.join(DOCKER, file), 'utf8');

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('docker/compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as Doc;
  const services = compose['services'] as Record<string, Doc>;

  it('runs the full stack: PostgreSQL, Redis, migration, 2 API replicas, 2 workers and a TLS proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'proxy', 'redis', 'worker']);
    expect(services['api']['deploy']['replicas']).toBe('${BREVET_API_REPLICAS:-2}');
    expect(services['worker']['deploy']['replicas']).toBe('${BREVET_WORKER_REPLICAS:-2}');
    expect(services['proxy']['ports']).toEqual(expect.arrayContaining([expect.stringMatching(/:443$/)]));
    // Only the proxy is reachable from the host.
    for (const name of ['api', 'worker', 'postgres', 'redis', 'migrate'])
      expect(services[name]['ports']).toBeUndefined();
  });

  it('keeps queued jobs: Redis with AOF and noeviction', () => {
    const command = (services['redis']['command'] as string[]).join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('health-checks every long-running service and starts the app only after the migration', () => {
    for (const name of ['postgres', 'redis', 'api', 'worker', 'proxy']) {
      expect({ name, test: services[name]['healthcheck']?.['test'] }).toEqual({
        name,
        test: expect.anything(),
      });
    }
    expect(services['worker']['environment']['WORKER_HEALTH_PORT']).toBe(3001);
    expect(JSON.stringify(services['worker']['healthcheck']['test'])).toContain('3001/api/ready');
    for (const name of ['api', 'worker']) {
      expect(services[name]['depends_on']['migrate']).toEqual({
        condition: 'service_completed_successfully',
      });
    }
    expect(services['migrate']['command']).toEqual(['node', 'dist/apps/api/migrate.js']);
  });

  it('sets only variables that Brevet reads, and the ones a server needs', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = Object.keys(services[name]['environment'] as Doc);
      expect({ name, unknown: env.filter((key) => !KNOWN.has(key)) }).toEqual({ name, unknown: [] });
      expect(env).toEqual(
        expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'KEY_ENCRYPTION_SECRET', 'PUBLIC_URL']),
      );
    }
    expect(services['api']['environment']['TRUST_PROXY']).toBe('${TRUST_PROXY:-uniquelocal}');
  });

  it('points the proxy at every API replica', () => {
    const caddyfile = read('Caddyfile');
    expect(services['proxy']['volumes']).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddyfile).toMatch(/dynamic a api 3000/);
  });
});

describe('docker/kubernetes', () => {
  const kustomization = parse(read('kubernetes/kustomization.yaml')) as Doc;
  const files = [...(kustomization['resources'] as string[]), 'migrate-job.yaml', 'secret.example.yaml'];
  const docs: Doc[] = files.flatMap((file) =>
    parseAllDocuments(read(`kubernetes/${file}`)).map((d) => d.toJS() as Doc),
  );
  const byKind = (kind: string) => docs.filter((d) => d['kind'] === kind);
  const named = (kind: string, name: string) => {
    const found = byKind(kind).find((d) => d['metadata']['name'] === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  const podSpecs = [
    ...byKind('Deployment').map((d) => ({
      name: d['metadata']['name'] as string,
      spec: d['spec']['template']['spec'] as Doc,
    })),
    ...byKind('Job').map((d) => ({
      name: d['metadata']['name'] as string,
      spec: d['spec']['template']['spec'] as Doc,
    })),
  ];

  it('lists files that exist', () => {
    for (const file of files) expect(fs.existsSync(path.join(DOCKER, 'kubernetes', file))).toBe(true);
  });

  it('has the API and the worker with probes, and a migration job run before the rollout', () => {
    const api = named('Deployment', 'brevet-api')['spec']['template']['spec']['containers'][0];
    expect(api.readinessProbe.httpGet.path).toBe('/api/ready');
    expect(api.livenessProbe.httpGet.path).toBe('/api/health');
    const worker = named('Deployment', 'brevet-worker')['spec']['template']['spec']['containers'][0];
    expect(worker.command).toEqual(['node', 'dist/apps/api/worker.js']);
    expect(worker.readinessProbe.httpGet.path).toBe('/api/ready');
    expect(worker.livenessProbe.httpGet.path).toBe('/api/health');
    const healthPort = worker.env.find((e: Doc) => e['name'] === 'WORKER_HEALTH_PORT').value;
    expect(
      worker.ports.find((p: Doc) => p['name'] === worker.readinessProbe.httpGet.port).containerPort,
    ).toBe(Number(healthPort));
    const job = byKind('Job')[0]['spec']['template']['spec']['containers'][0];
    expect(job.command).toEqual(['node', 'dist/apps/api/migrate.js']);
    // The replicas never migrate themselves.
    expect(named('ConfigMap', 'brevet-config')['data']['RUN_MIGRATIONS']).toBe('false');
  });

  it('keeps a PodDisruptionBudget for each Deployment, selecting its pods', () => {
    for (const deployment of byKind('Deployment')) {
      const labels = deployment['spec']['template']['metadata']['labels'] as Record<string, string>;
      const budget = byKind('PodDisruptionBudget').find((p) =>
        Object.entries(p['spec']['selector']['matchLabels'] as Record<string, string>).every(
          ([k, v]) => labels[k] === v,
        ),
      );
      expect({ deployment: deployment['metadata']['name'], budget: budget?.['metadata']['name'] }).toEqual({
        deployment: deployment['metadata']['name'],
        budget: expect.any(String),
      });
      expect(deployment['spec']['selector']['matchLabels']).toEqual(
        budget?.['spec']['selector']['matchLabels'],
      );
    }
  });

  it('runs every pod as a non-root user without privileges', () => {
    for (const { name, spec } of podSpecs) {
      expect({ name, runAsNonRoot: spec['securityContext']['runAsNonRoot'] }).toEqual({
        name,
        runAsNonRoot: true,
      });
      for (const container of spec['containers'] as Doc[]) {
        expect({ name, escalation: container['securityContext']['allowPrivilegeEscalation'] }).toEqual({
          name,
          escalation: false,
        });
      }
    }
  });

  it('configures only variables that Brevet reads, and routes the ingress to the API service', () => {
    const keys = [
      ...Object.keys(named('ConfigMap', 'brevet-config')['data'] as Doc),
      ...Object.keys(named('Secret', 'brevet-secrets')['stringData'] as Doc),
      ...podSpecs.flatMap(({ spec }) =>
        (spec['containers'] as Doc[]).flatMap((c) =>
          ((c['env'] ?? []) as Doc[]).map((e) => e['name'] as string),
        ),
      ),
    ];
    expect(keys.filter((key) => !KNOWN.has(key))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'KEY_ENCRYPTION_SECRET', 'PUBLIC_URL']),
    );
    for (const { spec } of podSpecs) {
      const refs = (spec['containers'] as Doc[]).flatMap((c) =>
        (c['envFrom'] as Doc[]).map((e) => e['configMapRef']?.name ?? e['secretRef']?.name),
      );
      expect(refs).toEqual(['brevet-config', 'brevet-secrets']);
    }
    const backend = named('Ingress', 'brevet')['spec']['rules'][0]['http']['paths'][0]['backend']['service'];
    expect(named('Service', backend.name)['spec']['selector']).toEqual(
      named('Deployment', 'brevet-api')['spec']['selector']['matchLabels'],
    );
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  it('runs as a non-root numeric user, health-checked, with tini as PID 1', () => {
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
  });
});
