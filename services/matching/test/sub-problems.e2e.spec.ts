import { eventually, expertWho, operator, startMatching, type Body } from './matching-test-kit';

/** DemandPublished v3: the full demand, each sub-problem ranked on its own, and visibility as a hard filter on invitations. */
describe('matching: sub-problems and visibility', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const heatPump = { expertise: { en: 'heat pump defrost control' }, skills: [{ name: 'heat pump', lastPractised: 2025 }] };

  const certify = async (id: string) => {
    await m.call('POST', `/experts/${id}/promotion`, operator);
    await m.call('POST', `/experts/${id}/certification/application`, expertWho(id), {});
    await m.call('POST', `/experts/${id}/certification/review`, operator);
    expect((await m.call('POST', `/experts/${id}/certification/decision`, operator, { decision: 'certify' })).body.tier).toBe('certified');
  };

  beforeEach(async () => {
    m = await startMatching('hope-matching-subproblems-');
    await m.join('hp-interest', heatPump);
    await m.join('hp-core', heatPump);
    await m.call('POST', '/experts/hp-core/promotion', operator);
    await m.join('hp-certified', heatPump);
    await certify('hp-certified');
    await m.join('sensor-expert', { expertise: { zh: '湿度传感器标定' }, skills: [{ name: 'sensor calibration', lastPractised: 2025 }] });
  });
  afterEach(() => m.stop());

  const demand = (demandId: string, visibility: string, subProblems: unknown[] = []) => ({
    demandId,
    organisationId: 'org-x',
    title: { en: 'Next generation outdoor unit' },
    description: { en: 'Frost builds up: the defrost cycles of the heat pump waste energy' },
    domain: 'hvac',
    keywords: [],
    capabilities: ['sensor calibration'],
    subProblems,
    visibility,
    publishedAt: new Date().toISOString(),
  });
  const of = (type: string, demandId: string) => m.published.filter((e) => e.type === type && (e.data as { demandId: string }).demandId === demandId).map((e) => e.data as Body);

  it('ranks the demand on its description and capabilities, and each sub-problem on its own, with an ExpertsMatched per sub-problem', async () => {
    const subProblems = [
      { id: 'sp-sensing', title: { zh: '结霜检测' }, capabilities: ['sensor calibration'] },
      { id: 'sp-defrost', title: { en: 'Shorter defrost cycles' }, capabilities: ['heat pump'] },
    ];
    await m.publishDemandEvent('DemandPublished', 3, demand('d1', 'public', subProblems));
    await eventually(() => expect(of('ExpertsMatched', 'd1')).toHaveLength(3));
    const [whole, sensing, defrost] = of('ExpertsMatched', 'd1');
    // The title alone matches nobody: the description finds the heat-pump experts, the capabilities the sensor expert.
    expect(whole.subProblemId).toBeUndefined();
    expect(whole.matches.map((x: Body) => x.expertId).sort()).toEqual(['hp-certified', 'hp-core', 'hp-interest', 'sensor-expert']);
    expect(sensing).toMatchObject({ demandId: 'd1', subProblemId: 'sp-sensing', matches: [{ expertId: 'sensor-expert', rank: 1 }] });
    expect(defrost.subProblemId).toBe('sp-defrost');
    expect(defrost.matches.map((x: Body) => x.expertId).sort()).toEqual(['hp-certified', 'hp-core', 'hp-interest']);
    // Invitations name the sub-problem they are for.
    await eventually(() => expect(of('MatchedExpertsInvited', 'd1').map((e) => e.subProblemId ?? '')).toEqual(['', 'sp-sensing', 'sp-defrost']));

    const explained = await m.call('GET', '/demands/d1/matches?subProblemId=sp-sensing', operator);
    expect(explained.status).toBe(200);
    expect(explained.body.matches[0].explanation.matchedSkills.map((s: Body) => s.name)).toEqual(['sensor calibration']);
    expect((await m.call('GET', '/demands/d1/matches', operator)).body.matches).toHaveLength(4);
    expect((await m.call('GET', '/demands/d1/matches?subProblemId=nope', operator)).status).toBe(404);
    const bad = await m.call('GET', `/demands/d1/matches?subProblemId=${'x'.repeat(101)}`, operator);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Body) => e.field)).toEqual(['subProblemId']);
    expect((await m.call('GET', '/demands/d1/matches?subProblemId=sp-sensing', expertWho('hp-core'))).status).toBe(403);
  });

  it('visibility is a hard filter on who is invited: restricted -> core users and certified partners, confidential -> certified partners only', async () => {
    const subProblems = [{ id: 'sp-defrost', title: { en: 'defrost' }, capabilities: ['heat pump'] }];
    await m.publishDemandEvent('DemandPublished', 3, demand('d-public', 'public'));
    await m.publishDemandEvent('DemandPublished', 3, demand('d-restricted', 'restricted'));
    await m.publishDemandEvent('DemandPublished', 3, demand('d-confidential', 'confidential', subProblems));
    await eventually(() => expect(of('ExpertsMatched', 'd-confidential')).toHaveLength(2));
    const invitedTo = (demandId: string) => of('MatchedExpertsInvited', demandId).flatMap((e) => e.expertIds as string[]).sort();
    // Everyone matches the text: without the filter all of them would be invited to every demand.
    expect(invitedTo('d-public')).toEqual(['hp-certified', 'hp-core', 'hp-interest', 'sensor-expert']);
    expect(invitedTo('d-restricted')).toEqual(['hp-certified', 'hp-core']);
    expect(invitedTo('d-confidential')).toEqual(['hp-certified', 'hp-certified']); // the demand and its sub-problem
    const excluded = (await m.call('POST', '/rankings', operator, { text: 'heat pump defrost', confidentiality: 'confidential' })).body.excluded;
    expect(excluded).toEqual([
      { expertId: 'hp-core', reason: 'confidentiality' },
      { expertId: 'hp-interest', reason: 'confidentiality' },
    ]);
  });
});
