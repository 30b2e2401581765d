/**
 * Background profiles for the matching bench, from a vocabulary of their own: nouns of jieba's
 * dictionary (its word counts and part-of-speech tags) and their CC-CEDICT glosses, never the words of
 * the hand-labelled set. Half the words come from a technical subset (words holding a character of
 * engineering: 机, 电, 热, 材...), so the background crowds the labelled topics as a real community
 * would, with generic words (控制, 材料, 系统) at their natural frequency.
 */
import { dict } from '@node-rs/jieba/dict';
import type { RankableExpert } from '../../services/matching/src/domain/ranking/expert-index';
import type { Tier } from '../../services/matching/src/domain/expert/expert.events';
import type { Lexicon } from '../../services/matching/src/domain/ranking/lexicon';
import type { MatchQuery } from '../../services/matching/src/domain/ranking/rank';
import { prng } from '@hope/kernel/testing';

/** Domain labels: the platform's taxonomy, shared with the labelled set on purpose (a label alone must not qualify). */
const DOMAIN_LABELS = ['HVAC', '空调', 'materials', '材料', 'electronics', '电子', 'appliances', '家电', 'energy', '能源', 'water', '水处理', 'AI', '人工智能', 'textiles', '纺织', 'mechanics', '力学', 'automation'];
const TECHNICAL = /[机电热冷材料控器压温膜能化工光声振焊涂液气流泵阀塑钢铜纤网波磁频芯]/;

interface Word {
  readonly zh: string;
  readonly en: string;
}

function vocabulary(lexicon: Lexicon): { technical: Word[]; general: Word[] } {
  const technical: Word[] = [];
  const general: Word[] = [];
  for (const line of new TextDecoder().decode(dict).split('\n')) {
    const [zh, count, tag] = line.split(' ');
    if (!zh || !count || !tag || !/^(n|vn|nz)$/.test(tag)) continue;
    const n = Number(count);
    if (n < 20 || n > 50_000 || zh.length < 2 || zh.length > 4 || !/^[\u3400-\u9fff]+$/.test(zh)) continue;
    const gloss = lexicon.glosses(zh)?.find((g) => g.length <= 2);
    if (!gloss) continue;
    (TECHNICAL.test(zh) ? technical : general).push({ zh, en: gloss.join(' ') });
  }
  return { technical, general };
}

export function generateBackground(lexicon: Lexicon, profiles: number, demands: number, seed: number): { experts: RankableExpert[]; demands: Omit<MatchQuery, 'now'>[] } {
  const rnd = prng(seed);
  const { technical, general } = vocabulary(lexicon);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const word = (): Word => (rnd() < 0.6 ? pick(technical) : pick(general));
  const words = (min: number, max: number): Word[] => Array.from({ length: min + Math.floor(rnd() * (max - min + 1)) }, word);
  const zhText = (ws: Word[]) => ws.map((w) => w.zh).join(pick(['与', '和', '、', '的'])) + pick(['研究', '开发', '设计', '应用', '']);
  const enText = (ws: Word[]) => `${pick(['Research on', 'Development of', 'Design of', 'Applied'])} ${ws.map((w) => w.en).join(pick([' and ', ', ', ' for ']))}`;

  const experts: RankableExpert[] = [];
  for (let i = 0; i < profiles; i++) {
    const topic = words(3, 6);
    const lang = rnd();
    const both = lang >= 0.8;
    const zh = lang < 0.45 || both;
    const org = Math.floor(rnd() * 2000);
    experts.push({
      expertId: `bg${String(i).padStart(7, '0')}`,
      tier: pick<Tier>(['interest', 'interest', 'interest', 'core', 'core', 'certified']),
      profile: {
        name: `background ${i}`,
        expertise: { ...(zh ? { zh: zhText(topic) } : {}), ...(!zh || both ? { en: enText(topic) } : {}) },
        ...(rnd() < 0.4 ? { bio: zh ? { zh: zhText(words(2, 4)) } : { en: enText(words(2, 4)) } } : {}),
        domains: [pick(DOMAIN_LABELS), ...(rnd() < 0.4 ? [pick(DOMAIN_LABELS)] : [])],
        skills: topic.slice(0, 2 + Math.floor(rnd() * 2)).map((w, k) => ({ name: zh && (k % 2 === 0 || !both) ? w.zh : w.en, lastPractised: 2008 + Math.floor(rnd() * 18) })),
        employers: [{ employer: `Company ${org} Ltd`, organisationId: `bg-org-${org}`, from: '2015-01', ...(rnd() < 0.6 ? {} : { to: '2022-06' }) }],
        availability: pick(['available', 'available', 'limited', 'unavailable'] as const),
      },
    });
  }
  const queries: Omit<MatchQuery, 'now'>[] = [];
  for (let i = 0; i < demands; i++) {
    const topic = words(2, 4);
    queries.push({
      text: rnd() < 0.5 ? zhText(topic) : enText(topic),
      ...(rnd() < 0.5 ? { domain: pick(DOMAIN_LABELS) } : {}),
      ownerOrganisationId: `bg-org-${Math.floor(rnd() * 2000)}`,
      limit: 20,
    });
  }
  return { experts, demands: queries };
}
