import type { Client, Middleware } from 'openapi-fetch';
import type { ServiceName } from '../index';
import { ResponseContract } from './response-contract';

/** An answer the published contract does not describe. */
export class ContractViolation extends Error {
  constructor(readonly violations: readonly string[]) {
    super(`The answer breaks the published contract:\n${violations.join('\n')}`);
    this.name = 'ContractViolation';
  }
}

const contracts = new Map<ServiceName, ResponseContract>();
const contractOf = (service: ServiceName): ResponseContract => {
  let contract = contracts.get(service);
  if (contract === undefined) contracts.set(service, (contract = ResponseContract.of(service)));
  return contract;
};

/**
 * For tests: every answer the client receives is checked against the service's published document
 * (status documented for the operation, body matching its schema, no undocumented field); a mismatch
 * fails the call with a ContractViolation naming it. The e2e tests speak through checked clients, so
 * what they prove holds for the contract integrators generate their code from.
 */
export function contractCheck(service: ServiceName): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      const body = await response.clone().text();
      const violations = contractOf(service).violations({ method: request.method, path: schemaPath, status: response.status, contentType: response.headers.get('content-type') ?? '', body });
      if (violations.length > 0) throw new ContractViolation(violations);
      return undefined;
    },
  };
}

/** The client, checking each answer against its service's published contract. */
export function contractChecked<C extends Client<never>>(service: ServiceName, client: C): C {
  client.use(contractCheck(service));
  return client;
}

/**
 * The same check for a test's own fetch: the request's concrete path is matched to the operation it
 * names. Throws a ContractViolation when the answer is not what the document says.
 */
export function expectContractKept(service: ServiceName, request: { method: string; path: string }, answer: { status: number; contentType: string; body: string }): void {
  const contract = contractOf(service);
  const template = contract.templateOf(request.method, request.path);
  const violations =
    template === undefined ? [`${request.method} ${request.path}: no operation of ${service}'s document`] : contract.violations({ method: request.method, path: template, ...answer });
  if (violations.length > 0) throw new ContractViolation(violations);
}
