import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { validateSync } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { toProblem } from '../http/problem';
import { flattenValidationErrors } from '../http/validation.pipe';
import {
  ConcurrencyError,
  DomainError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from './domain-errors';

const ctx = { instance: '/points/redeem', hadIfMatch: false };

class InsufficientPoints extends IllegalStateError {
  constructor(readonly available: number, readonly cost: number) {
    super('POINTS.INSUFFICIENT', `Only ${available} points available, ${cost} needed`);
  }
}

describe('DomainError family', () => {
  it('keeps code, status, name and instanceof for subclasses', () => {
    const e = new InsufficientPoints(120, 200);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toBeInstanceOf(IllegalStateError);
    expect(e).toMatchObject({ code: 'POINTS.INSUFFICIENT', status: 409, name: 'InsufficientPoints' });
    expect(new ValidationError('X.BAD', 'bad').status).toBe(400);
    expect(new UnauthorizedError().status).toBe(401);
    expect(new ForbiddenError().status).toBe(403);
    expect(new NotFoundError('DEMAND.NOT_FOUND', 'no such demand').status).toBe(404);
    expect(new IllegalStateError('X.Y', 'no', { status: 422 }).status).toBe(422);
    expect(new ConcurrencyError()).toMatchObject({ status: 409, code: 'CONCURRENCY.CONFLICT' });
  });
});

describe('toProblem', () => {
  it('maps a domain error to its status with a stable type and code', () => {
    const { problem, internal } = toProblem(new InsufficientPoints(120, 200), { ...ctx, correlationId: 'c-1' });
    expect(internal).toBe(false);
    expect(problem).toEqual({
      type: 'urn:hope:problem:points.insufficient',
      title: 'Conflict',
      status: 409,
      detail: 'Only 120 points available, 200 needed',
      instance: '/points/redeem',
      code: 'POINTS.INSUFFICIENT',
      correlationId: 'c-1',
    });
  });

  it('turns a concurrency conflict into 412 only when the caller sent If-Match', () => {
    expect(toProblem(new ConcurrencyError(), ctx).problem.status).toBe(409);
    expect(toProblem(new ConcurrencyError(), { ...ctx, hadIfMatch: true }).problem.status).toBe(412);
  });

  it('carries validation fields and asks for a bearer token on 401', () => {
    const v = toProblem(new ValidationError('VALIDATION.FAILED', 'bad', [{ field: 'a.b', reason: 'must be a string' }]), ctx);
    expect(v.problem.errors).toEqual([{ field: 'a.b', reason: 'must be a string' }]);
    expect(toProblem(new UnauthorizedError(), ctx).headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('maps Nest HttpExceptions by status, hiding 5xx details', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'), ctx).problem).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND', detail: 'Cannot GET /x' });
    const five = toProblem(new HttpException('db host 10.0.0.3 down', 503), ctx);
    expect(five).toMatchObject({ internal: true, problem: { status: 503, detail: 'An unexpected error occurred' } });
    const parse = toProblem(new BadRequestException(`Unexpected token '}', "{"a":}" is not valid JSON`), ctx);
    expect(parse.problem).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED_JSON', detail: 'The request body is not valid JSON' });
  });

  it('maps body-parser errors to 4xx, never 500', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, expose: true });
    expect(toProblem(tooLarge, ctx).problem).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
    const badJson = Object.assign(new SyntaxError('Unexpected end'), { type: 'entity.parse.failed', status: 400 });
    expect(toProblem(badJson, ctx).problem).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED_JSON' });
    const other = Object.assign(new Error('unsupported media'), { status: 415, expose: true });
    expect(toProblem(other, ctx).problem.status).toBe(415);
  });

  it('answers unknown errors with a fixed 500 and flags them internal', () => {
    const r = toProblem(new TypeError('cannot read properties of undefined (reading "password")'), ctx);
    expect(r.internal).toBe(true);
    expect(r.problem).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'An unexpected error occurred' });
    expect(JSON.stringify(r.problem)).not.toContain('password');
    expect(toProblem('a thrown string', ctx).problem.status).toBe(500);
  });
});

describe('flattenValidationErrors', () => {
  class Line {
    @IsInt() qty!: number;
  }
  class Address {
    @IsString() city!: string;
  }
  class Order {
    @IsString() name!: string;
    @ValidateNested() @Type(() => Address) address!: Address;
    @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
  }

  it('gives dotted paths for nested objects and array items', () => {
    const order = plainToInstance(Order, { name: 1, address: { city: 2 }, lines: [{ qty: 1 }, { qty: 'x' }] });
    const fields = flattenValidationErrors(validateSync(order));
    expect(fields).toEqual([
      { field: 'name', reason: 'must be a string' },
      { field: 'address.city', reason: 'must be a string' },
      { field: 'lines.1.qty', reason: 'must be an integer number' },
    ]);
  });
});

describe('an optimistic-concurrency conflict that outlived the retries', () => {
  it('answers 409 CONCURRENCY.CONFLICT (412 with If-Match), not 500', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { WrongExpectedVersion } = require('@hope/eventstore') as typeof import('@hope/eventstore');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { toProblem } = require('../http/problem') as typeof import('../http/problem');
    const conflict = new WrongExpectedVersion('account-1', 3, 4);
    expect(toProblem(conflict, { instance: '/x', hadIfMatch: false }).problem).toMatchObject({ status: 409, code: 'CONCURRENCY.CONFLICT' });
    expect(toProblem(conflict, { instance: '/x', hadIfMatch: true }).problem.status).toBe(412);
  });
});
