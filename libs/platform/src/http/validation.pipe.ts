import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage, type ValidationError as ClassValidatorError, type ValidatorOptions } from 'class-validator';
import { ValidationError, type FieldProblem } from '../errors/domain-errors';
import { hasVisibleText } from '@hope/kernel';

/**
 * class-validator skips a nested DTO that is absent (`@ValidateNested()` on undefined passes), so a
 * body without its required `name: { en, zh }` reached the handlers and failed there. This pipe
 * reports every absent nested DTO that is not `@IsOptional()` as a missing field, at any depth.
 * It also refuses what `@IsOptional()` lets through but no operation means: `null` for a field (no
 * request schema is nullable; `{"name": null}` on an expert reached the decider, a 500, and on a
 * demand was silently ignored), a list of strings holding one item twice (keywords, domains), and
 * blank text where the DTO asks for a non-empty one (`@MinLength(1)`, `@Length(1, n)`, `@IsNotEmpty()`):
 * a proposal titled "   " is as empty as one titled "".
 */
class PlatformValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ClassValidatorError[]> {
    const errors = await super.validate(object, validatorOptions);
    return mergeErrors(mergeErrors(errors, missingNested(object)), refusedValues(object));
  }
}

/**
 * The pipe every service uses: strips nothing silently (unknown fields are errors, so a typo in a
 * client is caught), converts to DTO instances, and reports every bad field with its dotted path.
 */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ClassValidatorError[]) =>
      new ValidationError('VALIDATION.FAILED', 'The request is invalid', flattenValidationErrors(errors)),
  });
}

/** Absent required nested DTOs of `object` (and of the nested DTOs it has), as class-validator errors. */
function missingNested(object: object): ClassValidatorError[] {
  const target = object.constructor;
  if (target === Object || target === Array) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const optional = new Set(metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName));
  const nested = new Set(metadata.filter((m) => m.type === 'nestedValidation').map((m) => m.propertyName));
  const errors: ClassValidatorError[] = [];
  for (const property of nested) {
    const value = (object as Record<string, unknown>)[property];
    if (value === undefined) {
      if (!optional.has(property)) errors.push({ property, constraints: { isDefined: 'is required' }, children: [] });
      continue;
    }
    const items = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : [[undefined, value] as const];
    const children = items.flatMap(([index, item]) => {
      if (typeof item !== 'object' || item === null) return [];
      const inner = missingNested(item);
      return index === undefined ? inner : inner.length > 0 ? [{ property: index, children: inner, constraints: {} }] : [];
    });
    if (children.length > 0) errors.push({ property, children, constraints: {} });
  }
  return errors;
}

/**
 * Fields of `object` (and of the nested DTOs it has) that are `null`, lists of strings with a
 * repeated item, or blank where non-empty text is asked for, as class-validator errors. Required
 * fields that are null already fail their own type check, so only the optional ones are named here.
 */
function refusedValues(object: object): ClassValidatorError[] {
  const target = object.constructor;
  if (target === Object || target === Array) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const optional = new Set(metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName));
  const nonEmpty = new Set(metadata.filter(asksForText).map((m) => m.propertyName));
  const errors: ClassValidatorError[] = [];
  for (const [property, value] of Object.entries(object)) {
    if (value === null) {
      if (optional.has(property)) errors.push({ property, constraints: { isNotNull: 'must not be null (leave the field out to keep it unchanged)' }, children: [] });
      continue;
    }
    if (typeof value === 'string') {
      if (nonEmpty.has(property) && isBlank(value)) errors.push({ property, constraints: { isNotBlank: BLANK }, children: [] });
      continue;
    }
    if (typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      const repeated = firstRepeatedString(value);
      if (repeated !== undefined) {
        errors.push({ property, constraints: { arrayUnique: `must not hold ${JSON.stringify(repeated)} twice` }, children: [] });
        continue;
      }
      const blank = nonEmpty.has(property) ? value.findIndex((item) => typeof item === 'string' && isBlank(item)) : -1;
      if (blank !== -1) {
        errors.push({ property, children: [{ property: String(blank), constraints: { isNotBlank: BLANK }, children: [] }], constraints: {} });
        continue;
      }
      const children = value.flatMap((item, i) => {
        if (typeof item !== 'object' || item === null) return [];
        const inner = refusedValues(item as object);
        return inner.length > 0 ? [{ property: String(i), children: inner, constraints: {} }] : [];
      });
      if (children.length > 0) errors.push({ property, children, constraints: {} });
      continue;
    }
    const inner = refusedValues(value as object);
    if (inner.length > 0) errors.push({ property, children: inner, constraints: {} });
  }
  return errors;
}

const BLANK = 'must not be blank (it holds only spaces or invisible characters)';
/** Spaces, invisible format characters (zero-width space, direction marks) and controls only. */
const isBlank = (text: string): boolean => text.length > 0 && !hasVisibleText(text);

/** A check that asks for non-empty text: `@MinLength(n >= 1)`, `@Length(n >= 1, m)`, `@IsNotEmpty()`. */
function asksForText(m: { type: string; name?: string; constraints?: unknown[] }): boolean {
  if (m.type !== 'customValidation') return false;
  if (m.name === 'isNotEmpty') return true;
  const min = m.constraints?.[0];
  return (m.name === 'minLength' || m.name === 'isLength') && typeof min === 'number' && min >= 1;
}

/** The first string that occurs twice in `items`, when every item is a string. */
function firstRepeatedString(items: readonly unknown[]): string | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') return undefined;
    if (seen.has(item)) return item;
    seen.add(item);
  }
  return undefined;
}

/** Adds `extra` to `errors`, merging children of the same property (and never repeating a constraint). */
function mergeErrors(errors: ClassValidatorError[], extra: ClassValidatorError[]): ClassValidatorError[] {
  const merged = [...errors];
  for (const e of extra) {
    const same = merged.find((m) => m.property === e.property);
    if (!same) merged.push(e);
    else if (e.children && e.children.length > 0) same.children = mergeErrors(same.children ?? [], e.children);
    else if (!same.constraints || Object.keys(same.constraints).length === 0) same.constraints = e.constraints ?? {};
  }
  return merged;
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
