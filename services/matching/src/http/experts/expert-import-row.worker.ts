import { parentPort } from 'node:worker_threads';
import { ValidationError } from '@hope/kernel';
import { validateRow } from './expert-import-row';
import type { ValidationReply, ValidationRequest } from './row-validation-pool';

/** A validation thread of the expert import: the same DTO and pipe as in the service, on rows sent in batches. */
parentPort?.on('message', (request: ValidationRequest) => {
  void Promise.all(
    request.values.map(async (value) => {
      try {
        return { row: await validateRow(value) };
      } catch (error) {
        if (error instanceof ValidationError) return { invalid: { message: error.message, fields: [...error.fields] } };
        return { failed: (error as Error).message };
      }
    }),
  ).then((results) => parentPort!.postMessage({ id: request.id, results } satisfies ValidationReply));
});
