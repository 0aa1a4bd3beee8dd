import type { CaseCategory } from '../domain/case-types';
import type { SlaStage } from '../domain/sla-policy';

const CATEGORY_WORDS: Record<CaseCategory, string> = {
  complaint: '投诉反映',
  consultation: '咨询',
  suggestion: '建议',
  business: '助企服务',
  urgent: '紧急求助',
};

const STAGE_WORDS: Record<SlaStage, string> = {
  accept: '受理',
  dispatch: '派单',
  on_site: '到场',
  resolve: '办结',
};

const DIGIT_WORDS = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A case number read digit by digit (幺 for 1, as numbers are read on the phone), so it can be written down. */
export function digitByDigit(number: string): string {
  return [...number].map((d) => DIGIT_WORDS[Number(d)] ?? d).join(' ');
}

export interface CaseWords {
  number: string;
  category: CaseCategory;
  address: string;
}

/** The escalation call: which case, what it is, where; then the keys (1 accept, 2 on site, 9 repeat). */
export function escalationText(c: CaseWords, stage: SlaStage, breached: boolean): string {
  const when = breached ? `已超过${STAGE_WORDS[stage]}时限` : `即将超过${STAGE_WORDS[stage]}时限`;
  const where = c.address ? `，地址：${c.address}` : '';
  return (
    `案件督办提醒：案件编号 ${digitByDigit(c.number)}，类别：${CATEGORY_WORDS[c.category]}${where}，${when}。` +
    '受理请按1，已到现场请按2，重听请按9。'
  );
}

export function satisfactionText(c: CaseWords): string {
  return (
    `您好，这里是便民服务热线。您反映的问题，案件编号 ${digitByDigit(c.number)}，已经办结。` +
    '满意请按1，基本满意请按2，不满意请按3。'
  );
}
