/** Prompts the dialplan plays by fixed name (dialplans/extensions.conf), rendered at start-up. */
export const STANDARD_PROMPTS = [
  { name: 'sos-hold', text: '别着急，我们已经收到您的求助，正在联系您的家人和网格员，请不要挂机。' },
  { name: 'hotline-welcome', text: '您好，这里是便民服务热线，请稍候，马上为您服务。' },
] as const;
