import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderOverlay as render, kubectlMissing, type K8sObject } from '../src/testing/kustomize';

/**
 * Renders every kustomize overlay with kubectl and validates each object offline against the
 * Kubernetes schemas (kubernetes-models), plus the Strimzi and Prometheus Operator shapes and our own rules.
 */
const OVERLAYS = ['dev', 'prod'];
const missing = kubectlMissing();
if (missing) process.stderr.write(`k8s manifest checks skipped: ${missing}\n`);
const describeWithKubectl = missing ? describe.skip : describe;

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

const validateKafkaUser = (o: K8sObject): void => {
  const spec = o.spec as { authentication?: { type?: string }; authorization?: { type?: string; acls?: unknown[] } };
  const problems: string[] = [];
  if (!o.metadata.labels?.['strimzi.io/cluster']) problems.push('metadata.labels["strimzi.io/cluster"] is required');
  if (!['scram-sha-512', 'tls'].includes(spec.authentication?.type ?? '')) problems.push('spec.authentication.type must be scram-sha-512 or tls');
  if (spec.authorization?.type !== 'simple' || !Array.isArray(spec.authorization.acls)) problems.push('spec.authorization must be simple with acls');
  if (problems.length > 0) throw new Error(`KafkaUser ${o.metadata.name}: ${problems.join('; ')}`);
};

/** The Prometheus Operator CRDs are not in kubernetes-models: check the fields the operator needs. */
const validateMonitoring = (o: K8sObject): void => {
  if (o.kind === 'ServiceMonitor') {
    const spec = o.spec as { selector?: unknown; endpoints?: { port?: string; path?: string }[] };
    if (!spec.selector || !spec.endpoints?.every((e) => e.port && e.path)) throw new Error(`ServiceMonitor ${o.metadata.name}: selector and endpoints with port and path are required`);
    return;
  }
  const groups = (o.spec as { groups?: { name?: string; rules?: { alert?: string; expr?: string }[] }[] }).groups ?? [];
  const bad = groups.flatMap((g) => g.rules ?? []).filter((r) => !r.alert || !r.expr);
  if (groups.length === 0 || bad.length > 0) throw new Error(`PrometheusRule ${o.metadata.name}: every rule needs alert and expr`);
};

const validate = (o: K8sObject): void => {
  if (o.apiVersion === 'kafka.strimzi.io/v1') return o.kind === 'KafkaUser' ? validateKafkaUser(o) : validateKafkaTopic(o);
  if (o.apiVersion === 'monitoring.coreos.com/v1') return validateMonitoring(o);
  return validateBuiltIn(o);
};

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

  type PodSpec = { securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } }; containers: { securityContext?: { allowPrivilegeEscalation?: boolean; runAsNonRoot?: boolean } }[] };
  const podSpecs = (objects: K8sObject[]) =>
    objects
      .filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))
      .map((o) => [`${o.kind}/${o.metadata.name}`, (o.spec as { template: { spec: PodSpec } }).template.spec] as const);

  it.each(OVERLAYS)('%s: every pod runs non-root with seccomp RuntimeDefault and no privilege escalation', (overlay) => {
    for (const [name, pod] of podSpecs(render(overlay))) {
      expect([name, pod.securityContext?.runAsNonRoot, pod.securityContext?.seccompProfile?.type]).toEqual([name, true, 'RuntimeDefault']);
      for (const c of pod.containers) expect([name, c.securityContext?.allowPrivilegeEscalation]).toEqual([name, false]);
    }
  });

  it.each(OVERLAYS)('%s: Redis, NetworkPolicies (default deny), KafkaUsers wired to the services, monitoring and alerts', (overlay) => {
    const objects = render(overlay);
    const names = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    expect(names('Service')).toContain('hope-redis');
    expect(names('NetworkPolicy')).toEqual(expect.arrayContaining(['hope-default-deny', 'hope-services', 'hope-redis', 'hope-eventstore']));
    const deny = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'hope-default-deny')!;
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'hope-config')!.data!;
    expect(config).toMatchObject({ REDIS_URL: 'redis://hope-redis:6379', KAFKA_MANAGED_TOPICS: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' });
    for (const service of ['demand', 'matching', 'consulting', 'points']) {
      expect(config[`HOPE_${service.toUpperCase()}_URL`]).toBe(`http://hope-${service}`);
      expect(names('KafkaUser')).toContain(`hope-${service}`);
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === `hope-${service}`)!;
      const env = (deployment.spec as { template: { spec: { containers: { env: { name: string; valueFrom?: unknown }[] }[] } } }).template.spec.containers[0]!.env;
      expect(env).toContainEqual({ name: 'KAFKA_SASL_PASSWORD', valueFrom: { secretKeyRef: { name: `hope-${service}`, key: 'password' } } });
    }
    const rules = JSON.stringify(objects.find((o) => o.kind === 'PrometheusRule')!.spec);
    for (const signal of ['hope_bus_consumer_lag', 'hope_dead_letters_total', 'hope_saga_timeouts_total', 'kube_deployment_status_replicas_available']) expect(rules).toContain(signal);
    expect(names('ServiceMonitor')).toEqual(['hope-services']);
  });

  it.each(OVERLAYS)('%s: every topic has 6 partitions, as docker-compose.yml creates them', (overlay) => {
    const compose = readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8');
    expect(compose).toContain('--partitions 6');
    for (const t of render(overlay).filter((o) => o.kind === 'KafkaTopic')) expect([t.metadata.name, t.spec?.partitions]).toEqual([t.metadata.name, 6]);
  });

  it('prod: JWKS auth, Kafka over TLS, EventStoreDB secure (no insecure flag, TLS client URL) with a PDB', () => {
    const objects = render('prod');
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'hope-config')!.data!;
    expect(config).toMatchObject({ AUTH_JWKS_URL: expect.stringMatching(/^https:/), KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: expect.any(String) });
    expect(config.EVENTSTORE_URL).toMatch(/tls=true/);
    expect(config.AUTH_JWT_SECRET).toBeUndefined();
    const es = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'hope-eventstore')!;
    const env = JSON.stringify((es.spec as { template: { spec: { containers: { env: unknown }[] } } }).template.spec.containers[0]!.env);
    expect(env).not.toContain('EVENTSTORE_INSECURE');
    expect(env).toContain('EVENTSTORE_CERTIFICATE_FILE');
    expect(objects.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'hope-eventstore')?.spec).toMatchObject({ minAvailable: 2 });
  });

  it('the kustomizations use current fields only (resources, patches, labels)', () => {
    const dirs = ['base', 'overlays/dev', 'overlays/prod'];
    for (const d of dirs) {
      const k = readFileSync(resolve(__dirname, '../../deploy/k8s', d, 'kustomization.yaml'), 'utf8');
      for (const deprecated of ['bases:', 'patchesStrategicMerge:', 'patchesJson6902:', 'commonLabels:', 'vars:']) expect([d, k.includes(deprecated)]).toEqual([d, false]);
    }
  });
});
