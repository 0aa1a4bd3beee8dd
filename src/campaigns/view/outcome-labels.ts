import type { AttemptOutcome, DtmfMenu } from '../domain';

/** How a cadre reads an outcome in reports and exports. */
const OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  confirmed: '已确认',
  declined: '已拒绝',
  answered_no_digit: '接通未按键',
  busy: '占线',
  no_answer: '无人接听',
  rejected: '拒接',
  failed: '呼叫失败',
  machine: '语音信箱',
  do_not_call: '免打扰',
  unknown: '结果未知',
};

const STATE_LABELS: Record<string, string> = {
  PENDING: '等待呼叫',
  DIALING: '呼叫中',
  FINAL: '已完成',
  EXHAUSTED: '未接通',
  CANCELLED: '已取消',
};

/** The menu's own label for the key pressed (e.g. 确认参加), else the outcome's name. */
export function outcomeLabel(outcome: string | null, menu: DtmfMenu): string {
  if (outcome === null) return '';
  const action = outcome === 'confirmed' ? 'confirm' : outcome === 'declined' ? 'decline' : null;
  const option = action ? menu.options.find((o) => o.action === action) : undefined;
  return option?.label ?? OUTCOME_LABELS[outcome as AttemptOutcome] ?? outcome;
}

export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? state;
}
