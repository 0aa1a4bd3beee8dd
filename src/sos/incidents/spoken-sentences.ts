/**
 * A message cut after each full stop, so its sentences render at once and the fixed ones
 * ("按1立即接通老人…") come from the speech cache: the first contact rings sooner. Cutting only at
 * full stops keeps each sentence's intonation whole.
 */
export function spokenSentences(text: string): string[] {
  return (text.match(/[^。！？]+[。！？]?/g) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}
