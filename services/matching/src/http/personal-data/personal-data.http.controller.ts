import { Controller, Delete, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError, type Principal } from '@hope/kernel';
import { ApiProblems, CLOCK, CurrentPrincipal, IDS, Roles, SHARED_STATE, forgetAnswersOf, type Clock, type IdSource, type SharedState } from '@hope/platform';
import { assertSelfOrOperator } from '../../application/expert-tenancy';
import { forgetExpert, type ForgetExpertDeps } from '../../application/forget-expert.use-case';
import { PersonalDataCipher } from '../../application/personal-data/personal-data-cipher';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import { RegistryQueries, type ExpertView } from '../../projections/registry/registry.queries';
import { ExpertIdParam } from '../experts/experts.http.controller';
import { ApiOkResponse } from '@nestjs/swagger';
import { ExpertViewDto } from '../experts/experts.response.dto';
import { PersonalDataExportResponse } from './personal-data.response.dto';
import { EXPERT_NOT_FOUND, EXPERT_NOT_YOURS } from '../matching.problems';

/** An expert's personal data: the export they may ask for, and the right to be forgotten (crypto-shredding). */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('experts/:expertId/personal-data')
export class PersonalDataHttpController {
  private readonly forgetting: ForgetExpertDeps;

  constructor(
    @Inject(EXPERTS) experts: ExpertHandler,
    private readonly queries: RegistryQueries,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    cipher: PersonalDataCipher,
    @Inject(SHARED_STATE) state: SharedState,
  ) {
    // The expert's own requests are cached under their subject, which is their expert id.
    this.forgetting = { experts, keys: cipher, cachedAnswers: { forget: (expertId) => forgetAnswersOf(state, expertId) }, clock };
  }

  private view(expertId: string): ExpertView {
    const view = this.queries.expert(expertId);
    if (!view) throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${expertId}`);
    return view;
  }

  @Get()
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Export everything the registry holds on the expert (the expert or an operator); `erased: true` once forgotten.' })
  @ApiOkResponse({ type: PersonalDataExportResponse })
  @ApiProblems(EXPERT_NOT_YOURS('export the personal data of'), EXPERT_NOT_FOUND)
  export(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    assertSelfOrOperator(who, p.expertId, 'export the personal data of');
    return { exportedFor: p.expertId, ...this.view(p.expertId) };
  }

  @Delete()
  @Roles('expert', 'operator')
  @ApiOperation({ summary: "Forget the expert: their key is deleted, so the personal fields in the (immutable) events can no longer be read; read models show them erased." })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_YOURS('forget'), EXPERT_NOT_FOUND)
  async forget(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal): Promise<ExpertView> {
    assertSelfOrOperator(who, p.expertId, 'forget');
    await forgetExpert(this.forgetting, { expertId: p.expertId, by: who.subject }, { commandId: this.ids.next() });
    return this.view(p.expertId);
  }
}
