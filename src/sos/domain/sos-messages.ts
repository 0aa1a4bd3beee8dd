import { chineseMomentWords } from './chinese-time-words';

export interface SosMessageFacts {
  elderName: string;
  /** When the SOS key was pressed. */
  pressedAt: number;
  /** From describeLocation; null when nothing could be placed. */
  locationWords: string | null;
}

const DECISION_PROMPT_GOING = '按1表示您将前往，按2表示无法前往。';

function whereWords(locationWords: string | null): string {
  return locationWords === null ? '位置暂时无法确定' : `位置在${locationWords}`;
}

/**
 * What a contact hears when called. While the elder is on the line, 1 connects them; otherwise 1
 * means the contact will go there.
 */
export function sosEscalationMessage(facts: SosMessageFacts, elderOnLine: boolean, now: number): string {
  const pressed = `紧急求助：${facts.elderName}老人于${chineseMomentWords(facts.pressedAt, now)}按下了求助键，`;
  const prompt = elderOnLine
    ? '按1立即接通老人，按2表示无法前往。'
    : `老人目前无法接通。${DECISION_PROMPT_GOING}`;
  return `${pressed}${whereWords(facts.locationWords)}。${prompt}`;
}

/** Told to the responder who pressed 1 when the elder cannot be connected; said twice to be written down. */
export function sosLocationMessage(facts: Omit<SosMessageFacts, 'pressedAt'>): string {
  const where = whereWords(facts.locationWords);
  return `${facts.elderName}老人目前无法接通，请立即前往。${where}。再说一遍，${where}。`;
}

export interface InactivityMessageFacts {
  elderName: string;
  kind: 'no_movement' | 'no_heartbeat';
  /** Since when the elder has not moved, or the card has been silent. */
  since: number;
  /** Where the elder was last seen; null when unknown. */
  locationWords: string | null;
}

export function inactivityMessage(facts: InactivityMessageFacts, now: number): string {
  const since = chineseMomentWords(facts.since, now);
  const what =
    facts.kind === 'no_movement'
      ? `${facts.elderName}老人自${since}起一直没有走动`
      : `${facts.elderName}老人的求助卡自${since}起失去联系`;
  const where = facts.locationWords === null ? '' : `，最后位置在${facts.locationWords}`;
  return `请上门查看：${what}${where}。${DECISION_PROMPT_GOING}`;
}
