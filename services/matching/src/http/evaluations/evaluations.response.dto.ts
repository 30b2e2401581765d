import { ApiProperty } from '@nestjs/swagger';
import { CRITERIA, SCORE_MAX, SCORE_MIN, TARGET_KINDS, type Criterion, type Target } from '../../domain/evaluations/evaluation.decide';

// What `GET /demands/{demandId}/evaluations` answers (see docs/decisions/0026-typed-openapi-and-client.md).

export class EvaluationTargetView {
  @ApiProperty({ enum: TARGET_KINDS, example: 'proposal' }) kind!: Target['kind'];
  @ApiProperty({ example: 'prop-12' }) id!: string;
}

const average = (description: string): PropertyDecorator => ApiProperty({ minimum: SCORE_MIN, maximum: SCORE_MAX, example: 4.5, description: `${description}: the mean of the evaluators' latest scores (two decimals)` });

export class CriterionAverages implements Record<Criterion, number> {
  @average('New to the field') novelty!: number;
  @average('Can be done with the means at hand') feasibility!: number;
  @average('Affordable (5 = cheapest)') cost!: number;
  @average('Intellectual property is clear and usable') ip!: number;
  @average("Technology readiness fits the demand's need") trlFit!: number;
}

export class EvaluationComment {
  @ApiProperty({ example: 'dev-enterprise' }) evaluator!: string;
  @ApiProperty({ example: 'Promising, but the mount needs redesign.' }) comment!: string;
}

export class TargetComparisonView {
  @ApiProperty({ type: EvaluationTargetView }) target!: EvaluationTargetView;
  @ApiProperty({ minimum: 1, example: 2, description: 'Evaluators whose latest evaluation counts' }) count!: number;
  @ApiProperty({ type: [String], example: ['dev-enterprise', 'ops-1'] }) evaluators!: string[];
  @ApiProperty({ type: CriterionAverages }) averages!: CriterionAverages;
  @ApiProperty({ minimum: SCORE_MIN, maximum: SCORE_MAX, example: 4.2, description: "The mean of the criteria's averages: the order of the comparison" }) overall!: number;
  @ApiProperty({ type: [EvaluationComment] }) comments!: EvaluationComment[];
}

export class DemandEvaluationsView {
  @ApiProperty({ example: 'dem-7' }) demandId!: string;
  @ApiProperty({ type: 'string', isArray: true, enum: CRITERIA, example: [...CRITERIA] }) criteria!: string[];
  @ApiProperty({ type: [TargetComparisonView], description: 'Best overall first' }) targets!: TargetComparisonView[];
}
