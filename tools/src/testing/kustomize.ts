import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '../../..');

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};

/** Why the kustomize checks cannot run here (no kubectl), or undefined. In CI a missing kubectl is an error. */
export function kubectlMissing(): string | undefined {
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const missing = kubectl.status !== 0 ? 'kubectl is not installed' : undefined;
  if (missing && process.env.CI === 'true') throw new Error(`CI needs kubectl to render the manifests: ${missing}`);
  return missing;
}

/** `kubectl kustomize deploy/k8s/overlays/<overlay>`, parsed. */
export function renderOverlay(overlay: string): K8sObject[] {
  const out = execFileSync('kubectl', ['kustomize', resolve(ROOT, 'deploy/k8s/overlays', overlay)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out)
    .map((d) => d.toJS() as K8sObject)
    .filter((o) => o !== null);
}
