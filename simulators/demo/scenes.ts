import type { DemoContext } from './demo-context';
import { singleCallScene } from './single-call-scene';

export const demoScenes: ((ctx: DemoContext) => Promise<void>)[] = [singleCallScene];
