-- Keeps a live process's calls being placed counted (trunk-budget.ts): their originate is still under
-- way. A dead process stops calling this, and its entries lapse on their own.
-- KEYS[1]: calls being placed (zset: call id -> until when its entry counts, ms of Redis' clock)
-- ARGV[1]: how long an entry counts from now (ms); ARGV[2..]: the call ids.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + ttl, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], 2 * ttl)
return #ARGV - 1
