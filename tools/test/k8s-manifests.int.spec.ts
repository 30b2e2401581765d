import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Renders every kustomize overlay with kubectl and validates each object offline against the
 * Kubernetes schemas (kubernetes-models), plus the Strimzi KafkaTopic shape and our own rules.
 */
const ROOT = resolve(__dirname, '../..');
const OVERLAYS = ['dev', 'prod'];
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const missing = kubectl.status !== 0 ? 'kubectl is not installed' : undefined;
if (missing && process.env.CI === 'true') throw new Error(`CI needs kubectl to render the manifests: ${missing}`);
if (missing) process.stderr.write(`k8s manifest checks skipped: ${missing}\n`);
const describeWithKubectl = missing ? describe.skip : describe;

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };

const render = (overlay: string): K8sObject[] => {
  const out = execFileSync('kubectl', ['kustomize', resolve(ROOT, 'deploy/k8s/overlays', overlay)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return parseAllDocuments(out).map((d) => d.toJS() as K8sObject).filter((o) => o !== null);
};

/** kubernetes-models class for a built-in kind, e.g. apps/v1 Deployment -> kubernetes-models/apps/v1/Deployment. */
const validateBuiltIn = (o: K8sObject): void => {
  const path = o.apiVersion.includes('/') ? o.apiVersion : `v1`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(`kubernetes-models/${path === 'v1' ? 'v1' : path}/${o.kind}`) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = mod[o.kind];
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  new Model(o).validate();
};

const validateKafkaTopic = (o: K8sObject): void => {
  const spec = o.spec as { topicName?: string; partitions?: unknown; replicas?: unknown; config?: Record<string, unknown> };
  const problems: string[] = [];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(o.metadata.name)) problems.push('metadata.name must be a DNS-1123 label');
  if (!o.metadata.labels?.['strimzi.io/cluster']) problems.push('metadata.labels["strimzi.io/cluster"] is required');
  if (!Number.isInteger(spec.partitions) || (spec.partitions as number) < 1) problems.push('spec.partitions must be a positive integer');
  if (!Number.isInteger(spec.replicas) || (spec.replicas as number) < 1) problems.push('spec.replicas must be a positive integer');
  const minIsr = spec.config?.['min.insync.replicas'];
  if (!Number.isInteger(minIsr) || (minIsr as number) > (spec.replicas as number)) problems.push('spec.config["min.insync.replicas"] must be an integer <= replicas');
  if (problems.length > 0) throw new Error(`KafkaTopic ${o.metadata.name}: ${problems.join('; ')}`);
};

const validate = (o: K8sObject): void => (o.apiVersion === 'kafka.strimzi.io/v1' ? validateKafkaTopic(o) : validateBuiltIn(o));

describeWithKubectl('deploy/k8s overlays render and validate offline', () => {
  it.each(OVERLAYS)('%s: every object is valid against its schema', (overlay) => {
    const objects = render(overlay);
    expect(objects.length).toBeGreaterThan(20);
    for (const o of objects) expect(() => validate(o)).not.toThrow();
  });

  it.each(OVERLAYS)('%s: each service has probes on /health, resources, a Service, an HPA and a PDB', (overlay) => {
    const objects = render(overlay);
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    for (const service of ['demand', 'matching', 'consulting', 'points']) {
      const name = `hope-${service}`;
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name) as unknown as {
        spec: { template: { spec: { containers: { readinessProbe: { httpGet: { path: string } }; livenessProbe: { httpGet: { path: string } }; resources: { requests: unknown; limits: unknown } }[] } } };
      };
      const container = deployment.spec.template.spec.containers[0]!;
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits).toBeDefined();
      expect(byKind('Service')).toContain(name);
      expect(byKind('HorizontalPodAutoscaler')).toContain(name);
      expect(byKind('PodDisruptionBudget')).toContain(name);
    }
    expect(byKind('StatefulSet')).toContain('hope-eventstore');
  });

  it('prod: every topic has replication 3 and min.insync.replicas 2', () => {
    const topics = render('prod').filter((o) => o.kind === 'KafkaTopic');
    expect(topics).toHaveLength(8);
    for (const t of topics) expect(t.spec).toMatchObject({ replicas: 3, config: { 'min.insync.replicas': 2 } });
  });

  it('the validators reject what is wrong (they can fail)', () => {
    const [deployment] = render('dev').filter((o) => o.kind === 'Deployment');
    expect(() => validate({ ...deployment!, spec: { ...deployment!.spec, replicas: 'three' } })).toThrow();
    const [topic] = render('dev').filter((o) => o.kind === 'KafkaTopic');
    expect(() => validate({ ...topic!, spec: { ...topic!.spec, replicas: 1, config: { 'min.insync.replicas': 2 } } })).toThrow(/min.insync.replicas/);
  });
});
