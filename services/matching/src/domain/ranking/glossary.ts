/**
 * A small bilingual technical glossary: each entry is a concept with its Chinese and English surface
 * forms. Both documents and queries emit the concept token, so a Chinese demand meets an English
 * profile with the same skill. The Chinese forms double as the segmentation dictionary. Plain data:
 * operations extend it; a production deployment would load a larger one.
 */
export const GLOSSARY: readonly { concept: string; zh: readonly string[]; en: readonly string[] }[] = [
  { concept: 'compressor', zh: ['压缩机'], en: ['compressor'] },
  { concept: 'inverter', zh: ['变频', '变频器'], en: ['inverter', 'variable frequency'] },
  { concept: 'noise-reduction', zh: ['降噪', '噪声控制', '减振'], en: ['noise reduction', 'acoustics', 'vibration damping'] },
  { concept: 'motor-control', zh: ['电机控制', '电机驱动'], en: ['motor control', 'motor drive'] },
  { concept: 'heat-pump', zh: ['热泵'], en: ['heat pump'] },
  { concept: 'refrigeration', zh: ['制冷', '冷藏'], en: ['refrigeration', 'cooling'] },
  { concept: 'heat-exchanger', zh: ['换热器'], en: ['heat exchanger'] },
  { concept: 'sensor', zh: ['传感器'], en: ['sensor'] },
  { concept: 'machine-learning', zh: ['机器学习', '深度学习'], en: ['machine learning', 'deep learning'] },
  { concept: 'computer-vision', zh: ['机器视觉', '图像识别'], en: ['computer vision', 'image recognition'] },
  { concept: 'battery', zh: ['电池', '储能'], en: ['battery', 'energy storage'] },
  { concept: 'polymer', zh: ['高分子', '聚合物'], en: ['polymer'] },
  { concept: 'foam', zh: ['发泡', '泡沫'], en: ['foam'] },
  { concept: 'insulation', zh: ['保温', '隔热'], en: ['insulation', 'thermal insulation'] },
  { concept: 'water-treatment', zh: ['水处理', '净水'], en: ['water treatment', 'water purification'] },
  { concept: 'embedded', zh: ['嵌入式'], en: ['embedded'] },
  { concept: 'iot', zh: ['物联网'], en: ['iot', 'internet of things'] },
  { concept: 'energy-efficiency', zh: ['能效', '节能'], en: ['energy efficiency', 'energy saving'] },
  { concept: 'washing-machine', zh: ['洗衣机'], en: ['washing machine'] },
  { concept: 'air-conditioner', zh: ['空调'], en: ['air conditioner', 'air conditioning', 'hvac'] },
];

/** Extra Chinese words for segmentation that need no translation. */
export const ZH_WORDS: readonly string[] = ['技术', '设计', '优化', '控制', '研发', '算法', '材料', '系统', '专家', '工艺', '测试', '低温', '高效'];
