/** English words the ranking ignores: function words and the boilerplate of demands and profiles. */
export const STOP_EN: ReadonlySet<string> = new Set(
  ('a an and are as at be by for from in is it of on or the to with we our i my me you your us they their them its this that these those ' +
    'has have had was were will would can could should may must not no do does into over about than then there who which what when where how ' +
    'need needs needed looking look seek seeking want wants expert experts experience experienced year years help someone anyone etc via per using use used based also very after before during due problem issue solution improve improving')
    .split(' '),
);

/** Chinese function words and demand boilerplate: as common as they are empty. */
export const STOP_ZH: ReadonlySet<string> = new Set(
  ('的 了 和 与 及 或 在 等 是 对 用 于 中 为 有 并 将 把 被 从 到 其 该 这 那 之 以 及其 以及 我们 我 你 他 她 它 一种 一个 进行 相关 方面 提供 需要 希望 ' +
    '问题 解决 方案 导致 寻找 寻求 专家 具有 能够 可以 经验 多年 以上 帮助 熟悉 擅长 负责 从事 主要 包括 方向 研究 工作 年 个 项 位 名').split(' '),
);

/**
 * Light stemming, the same for profiles, demands and CC-CEDICT glosses: plurals, -ing/-ed, -ise/-ize
 * and -isation/-ization, -ation against its verb (vibration/vibrate), a final e (cure/curing), and
 * British spellings against American ones (fibre/fiber, mould/mold). Not Porter: enough to meet the
 * forms a skill is written in, never below three letters.
 */
export const stem = (word: string): string => {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stemOf(word);
    // Words repeat across profiles (a vocabulary, not a stream): kept, up to STEMS_KEPT of them.
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
};
const STEMS_KEPT = 100_000;
const stems = new Map<string, string>();

const stemOf = (word: string): string => {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    const rest = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && rest.length >= 3 && /[aeiouy]/.test(rest)) {
      w = /([^aeiouylsz])\1$|oll$/.test(rest) ? rest.slice(0, -1) : rest;
      break;
    }
  }
  w = w.replace(/i[sz](ation|e)$/, 'iz').replace(/ation$/, 'at');
  if (/[^aeiou]re$/.test(w) && w.length >= 5) w = `${w.slice(0, -2)}er`;
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w.replace(/ould$/, 'old').replace(/ium$/, 'um');
};
