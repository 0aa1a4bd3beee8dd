-- Frees speakers, each only if its delivery still holds it (a village's speakers finish together: one
-- call for all). KEYS[i]: a speaker's claim; ARGV[i]: the delivery that played there.
local freed = 0
for i, key in ipairs(KEYS) do
  if redis.call('HGET', key, 'delivery') == ARGV[i] then
    freed = freed + redis.call('DEL', key)
  end
end
return freed
