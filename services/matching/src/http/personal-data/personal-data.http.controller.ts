import { Controller, Delete, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionRunner } from '@hope/eventstore';
import { CurrentPrincipal, IDS, PROJECTIONS, Roles, type IdSource, type Principal } from '@hope/platform';
import { NotFoundError } from '@hope/platform/errors';
import { PersonalDataCipher } from '../../application/personal-data/personal-data-cipher';
import { assertSelfOrOperator, RegistryCommands } from '../../application/registry.commands';
import { RegistryQueries, type ExpertView } from '../../projections/registry/registry.queries';
import { ExpertIdParam } from '../experts/experts.http.controller';

/** An expert's personal data: the export they may ask for, and the right to be forgotten (crypto-shredding). */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('experts/:expertId/personal-data')
export class PersonalDataHttpController {
  private readonly queries: RegistryQueries;

  constructor(
    private readonly commands: RegistryCommands,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(IDS) private readonly ids: IdSource,
    cipher: PersonalDataCipher,
  ) {
    this.queries = new RegistryQueries(projections.db, cipher.opener);
  }

  private view(expertId: string): ExpertView {
    const view = this.queries.expert(expertId);
    if (!view) throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${expertId}`);
    return view;
  }

  @Get()
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Export everything the registry holds on the expert (the expert or an operator); `erased: true` once forgotten.' })
  export(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    assertSelfOrOperator(who, p.expertId);
    return { exportedFor: p.expertId, ...this.view(p.expertId) };
  }

  @Delete()
  @Roles('expert', 'operator')
  @ApiOperation({ summary: "Forget the expert: their key is deleted, so the personal fields in the (immutable) events can no longer be read; read models show them erased." })
  async forget(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal): Promise<ExpertView> {
    assertSelfOrOperator(who, p.expertId);
    const r = await this.commands.forget(p.expertId, who.subject, this.ids.next());
    if (r.position) await this.projections.waitFor(r.position);
    return this.view(p.expertId);
  }
}
