/** One dialplan line: the context it is in, its application and raw arguments. */
export interface DialplanStep {
  context: string;
  line: number;
  app: string;
  args: string;
}

export interface Dialplan {
  contexts: Map<string, { includes: string[]; steps: DialplanStep[] }>;
}

/**
 * Reads extensions.conf far enough to follow calls between contexts: contexts, includes and each
 * priority's application. Templates and #include files are not followed (linli ships neither).
 */
export function readExtensionsConf(text: string): Dialplan {
  const contexts: Dialplan['contexts'] = new Map();
  let current: { includes: string[]; steps: DialplanStep[] } | undefined;
  let name = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|[^\\]);.*$/, '$1').trim();
    if (!line) return;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      name = header[1] ?? '';
      current = { includes: [], steps: [] };
      contexts.set(name, current);
      return;
    }
    if (!current) return;
    const include = /^include\s*=>\s*(\S+)/.exec(line);
    if (include?.[1]) {
      current.includes.push(include[1]);
      return;
    }
    const step =
      /^(?:exten|same)\s*=>\s*(?:[^,]*,)?(?:[^,]*,)?\s*([A-Za-z]+)\((.*)\)\s*$/.exec(line) ??
      /^(?:exten|same)\s*=>\s*(?:[^,]*,)?(?:[^,]*,)?\s*([A-Za-z]+)\s*$/.exec(line);
    if (step?.[1]) current.steps.push({ context: name, line: i + 1, app: step[1], args: step[2] ?? '' });
  });
  return { contexts };
}
