import { ValidationPipe } from '@nestjs/common';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError, type FieldProblem } from '../errors/domain-errors';

/**
 * The pipe every service uses: strips nothing silently (unknown fields are errors, so a typo in a
 * client is caught), converts to DTO instances, and reports every bad field with its dotted path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ClassValidatorError[]) =>
      new ValidationError('VALIDATION.FAILED', 'The request is invalid', flattenValidationErrors(errors)),
  });
}

export function flattenValidationErrors(errors: readonly ClassValidatorError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own: FieldProblem[] =
      error.constraints !== undefined && Object.keys(error.constraints).length > 0
        ? [{ field, reason: Object.values(error.constraints).map((m) => stripProperty(m, error.property)).join('; ') }]
        : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator messages start with the property name ("name must be a string"); the field says it already. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
