import type { HotlineCategory } from './ivr-types';

/** What a transcript suggests: a dispatcher's hint, never a change the caller's key made. */
export interface TranscriptSuggestion {
  category: HotlineCategory | null;
  urgent: boolean;
  /** The words that led to the suggestion, for the case timeline. */
  matched: string[];
}

/** Danger to life or property: fire, gas, flooding, violence, a cry for help. */
const URGENT_WORDS = [
  '着火',
  '失火',
  '火灾',
  '起火',
  '冒烟',
  '煤气',
  '燃气',
  '天然气',
  '爆炸',
  '触电',
  '打架',
  '斗殴',
  '砍人',
  '持刀',
  '救命',
  '快来人',
  '晕倒',
  '昏迷',
  '溺水',
  '掉河',
  '塌了',
  '倒塌',
  '决堤',
] as const;

/** Words that are urgent alone but also appear in harmless phrases. */
const URGENT_SINGLE = ['火'] as const;
const HARMLESS_WITH_FIRE = ['火车', '火锅', '火腿', '上火', '发火', '火柴', '火龙果', '烟火晚会'] as const;

const CATEGORY_WORDS: readonly { category: HotlineCategory; words: readonly string[] }[] = [
  {
    category: 'complaint',
    words: [
      '漏水',
      '停水',
      '停电',
      '路灯',
      '噪音',
      '扰民',
      '垃圾',
      '占道',
      '乱停',
      '坏了',
      '投诉',
      '反映',
      '污水',
      '臭',
    ],
  },
  { category: 'business', words: ['企业', '公司', '工厂', '营业执照', '办厂', '个体户', '招工', '贷款'] },
  { category: 'suggestion', words: ['建议', '希望能', '能不能增加', '最好'] },
  {
    category: 'consultation',
    words: ['咨询', '请问', '怎么办理', '在哪里办', '需要什么材料', '多少钱', '什么时候'],
  },
];

/**
 * Reads a (Chinese) transcript for words suggesting urgency and a category. Urgent words win over
 * everything: 煤气味很大 is urgent whatever was pressed. Spaces between characters (some recognisers
 * leave them) are ignored.
 */
export function suggestFromTranscript(text: string): TranscriptSuggestion {
  const plain = text.replace(/\s+/gu, '');
  const urgentHits: string[] = URGENT_WORDS.filter((w) => plain.includes(w));
  const fireAlone = HARMLESS_WITH_FIRE.reduce((rest, w) => rest.replaceAll(w, ''), plain);
  for (const w of URGENT_SINGLE)
    if (fireAlone.includes(w) && !urgentHits.some((h) => h.includes(w))) urgentHits.push(w);
  if (urgentHits.length > 0) return { category: 'urgent', urgent: true, matched: urgentHits };
  let best: { category: HotlineCategory; matched: string[] } | null = null;
  for (const { category, words } of CATEGORY_WORDS) {
    const matched = words.filter((w) => plain.includes(w));
    if (matched.length > 0 && (best === null || matched.length > best.matched.length))
      best = { category, matched };
  }
  return best
    ? { category: best.category, urgent: false, matched: best.matched }
    : { category: null, urgent: false, matched: [] };
}
