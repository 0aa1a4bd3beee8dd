import { readIdentifierDigits } from '../../speech/normalise/chinese-numbers';
import { speak, type Prompt } from '../../telephony/prompt';

/** What a hotline caller hears, in Mandarin. Texts only: the platform's TTS renders them. */
export const IvrText = {
  menu:
    '您好，这里是便民服务热线。投诉或反映问题请按1，咨询请按2，建议请按3，企业服务请按4；' +
    '遇到危及生命财产安全的紧急情况，请按0。',
  badKey: '对不起，没有听清您的选择。',
  village: '请输入您所在村的编码，以井号键结束。',
  villageNotFound: '没有找到这个村的编码。',
  record: '请在提示音后说明您要反映的情况，最长两分钟，说完请按井号键。',
  connecting: '正在为您接通值班网格员，请不要挂机。',
  workerUnreachable: '值班人员暂时无法接通，我们已记录您的紧急情况。',
  caseFailed: '对不起，系统暂时无法受理，我们已保存您的录音，请稍后再拨。',
  thanks: '感谢您的来电，再见。',
} as const;

export function menuPrompt(retry: boolean): Prompt {
  return retry ? [speak(IvrText.badKey + IvrText.menu)] : [speak(IvrText.menu)];
}

export function villagePrompt(retry: boolean): Prompt {
  return [speak(retry ? IvrText.villageNotFound + IvrText.village : IvrText.village)];
}

export function recordPrompt(afterUnreachableWorker: boolean): Prompt {
  return [speak(afterUnreachableWorker ? IvrText.workerUnreachable + IvrText.record : IvrText.record)];
}

/** The case number digit by digit (幺 for 1), in groups of four. */
export function caseNumberWords(number: string): string {
  const digits = readIdentifierDigits(number);
  return (digits.match(/.{1,4}/gu) ?? []).join('，');
}

export function caseNumberPrompt(number: string): Prompt {
  const words = caseNumberWords(number);
  return [speak(`您的工单已受理，工单号是：${words}。${IvrText.thanks}`)];
}
