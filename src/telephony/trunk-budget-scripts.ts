import { LuaScript } from '../queue/lua-script';

export const takeScript = new LuaScript(__dirname, 'trunk-budget-take.lua');
export const refreshScript = new LuaScript(__dirname, 'trunk-budget-refresh.lua');
