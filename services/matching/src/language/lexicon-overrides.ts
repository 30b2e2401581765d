/**
 * Technical terms CC-CEDICT lacks and that a demand in this domain cannot do without, in CC-CEDICT's
 * own line format (appended to the file when the lexicon is built). Kept short on purpose: a word
 * CC-CEDICT lacks is otherwise glossed part by part (碳纤维: carbon fiber, 热泵: heat pump), which
 * covers most compounds; these are the ones where that gives the wrong or no English.
 */
export const LEXICON_OVERRIDES = [
  '物聯網 物联网 [wu4 lian2 wang3] /internet of things/IoT/',
  '嵌入式 嵌入式 [qian4 ru4 shi4] /embedded/',
  '儲能 储能 [chu3 neng2] /energy storage/',
  '變頻 变频 [bian4 pin2] /inverter/variable frequency/',
  '變頻器 变频器 [bian4 pin2 qi4] /inverter/frequency converter/',
  '機器學習 机器学习 [ji1 qi4 xue2 xi2] /machine learning/',
  '深度學習 深度学习 [shen1 du4 xue2 xi2] /deep learning/',
  '機器視覺 机器视觉 [ji1 qi4 shi4 jue2] /machine vision/computer vision/',
].join('\n');
